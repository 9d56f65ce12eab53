package dev.seckill.bench.wrk;

import java.util.Map;

/**
 * What one wrk run measured: the answers by status as the script counted them, wrk's socket errors, its latency
 * percentiles (microseconds, from the request's first byte written to the answer's last byte read, pauses of
 * a paced run excluded) and the CPU wrk itself used.
 *
 * @param threadsOutOfTokens threads that ran out of shoppers and stopped early; the run then measured too little
 */
public record WrkResult(String name, long requests, long durationMicros, Map<Integer, Long> statuses,
        Map<String, Long> errors, int threadsOutOfTokens, Latency latencyMicros, double generatorCpuMillis) {

    public record Latency(long p50, long p90, long p99, long p999, long max, double mean) {
    }

    public double seconds() {
        return durationMicros / 1e6;
    }

    public long count(int status) {
        return statuses.getOrDefault(status, 0L);
    }

    public double perSecond(int status) {
        return durationMicros <= 0 ? 0 : count(status) / seconds();
    }

    /** Answers of any status but {@code expected}, and requests that got no answer at all. */
    public long unexpected(int expected) {
        long others = statuses.entrySet().stream().filter(e -> e.getKey() != expected).mapToLong(Map.Entry::getValue).sum();
        return others + errors.values().stream().mapToLong(Long::longValue).sum() - errors.getOrDefault("status", 0L);
    }

    public boolean ranOutOfTokens() {
        return threadsOutOfTokens > 0;
    }

    WrkResult withGeneratorCpu(String runName, double millis) {
        return new WrkResult(runName, requests, durationMicros, statuses, errors, threadsOutOfTokens, latencyMicros, millis);
    }
}
