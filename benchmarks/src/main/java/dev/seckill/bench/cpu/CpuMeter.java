package dev.seckill.bench.cpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Reads the CPU ticks of a fixed set of processes at once. */
public final class CpuMeter {

    private final List<MeteredProcess> processes;

    public CpuMeter(List<MeteredProcess> processes) {
        this.processes = List.copyOf(processes);
    }

    public CpuSample sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (MeteredProcess process : processes) {
            OptionalLong pid = process.pid().get();
            if (pid.isPresent()) {
                ProcStat.ticks(pid.getAsLong()).ifPresent(value -> ticks.put(process.name(), value));
            }
        }
        return new CpuSample(System.nanoTime(), ticks);
    }
}
