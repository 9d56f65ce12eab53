package dev.seckill.bench;

import dev.seckill.bench.cpu.CpuUse;
import dev.seckill.bench.wrk.WrkResult;

/**
 * One measured phase: what wrk saw, and the CPU every metered process spent from the load's start until the
 * phase's work was done ({@code drainSeconds} after the load ended), divided by its {@code answers}.
 *
 * @param complete false when the bench stopped waiting for the phase's work to finish
 */
record Measurement(String name, WrkResult load, CpuUse cpu, long answers, double drainSeconds, boolean complete) {

    /** CPU milliseconds a process spent per answer. */
    double millisPerAnswer(String process) {
        return answers == 0 ? 0 : cpu.millis(process) / answers;
    }

    double totalMillisPerAnswer() {
        return answers == 0 ? 0 : cpu.totalMillis() / answers;
    }

    double generatorMillisPerAnswer() {
        return answers == 0 ? 0 : load.generatorCpuMillis() / answers;
    }

    /** The load generator's part of all the CPU the phase used, its own included. */
    double generatorShare() {
        double all = cpu.totalMillis() + load.generatorCpuMillis();
        return all == 0 ? 0 : load.generatorCpuMillis() / all;
    }
}
