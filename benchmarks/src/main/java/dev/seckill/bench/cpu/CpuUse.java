package dev.seckill.bench.cpu;

import java.util.Map;

/** CPU milliseconds each process spent in a window of {@code seconds}. */
public record CpuUse(Map<String, Double> millisByProcess, double seconds) {

    public double totalMillis() {
        return millisByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double millis(String process) {
        return millisByProcess.getOrDefault(process, 0.0);
    }

    /** Cores kept busy on average over the window. */
    public double cores() {
        return seconds <= 0 ? 0 : totalMillis() / 1000 / seconds;
    }
}
