package dev.seckill.bench.cpu;

import java.util.LinkedHashMap;
import java.util.Map;

/** Each metered process's CPU ticks at one moment ({@code System.nanoTime()}); a process not running is absent. */
public record CpuSample(long atNanos, Map<String, Long> ticks) {

    /** What each process spent between {@code earlier} and this sample; a process missing from either spent nothing here. */
    public CpuUse since(CpuSample earlier) {
        Map<String, Double> millis = new LinkedHashMap<>();
        ticks.forEach((name, now) -> {
            Long before = earlier.ticks.get(name);
            if (before != null) {
                millis.put(name, ProcStat.millis(now - before));
            }
        });
        return new CpuUse(millis, (atNanos - earlier.atNanos) / 1e9);
    }
}
