package dev.seckill.bench;

import java.util.Arrays;

/** What one measured phase did: how many operations succeeded in how long, and their latencies. */
record LoadResult(String name, long succeeded, long failed, double seconds, long[] latencyMicros) {

    double perSecond() {
        return succeeded / seconds;
    }

    long percentileMicros(double percentile) {
        if (latencyMicros.length == 0) {
            return 0;
        }
        long[] sorted = latencyMicros.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    String line() {
        return String.format("  %-44s %10.0f /s   p50 %6.2f ms   p99 %6.2f ms   (%d ok, %d failed, %.1f s)",
                name, perSecond(), percentileMicros(50) / 1000.0, percentileMicros(99) / 1000.0,
                succeeded, failed, seconds);
    }
}
