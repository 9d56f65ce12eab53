package dev.seckill.bench.cpu;

import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A process whose CPU a phase charges, by a name for the table; the pid is looked up at every reading, so a
 * process that starts late (a baseline) or is restarted is still followed.
 */
public record MeteredProcess(String name, Supplier<OptionalLong> pid) {
}
