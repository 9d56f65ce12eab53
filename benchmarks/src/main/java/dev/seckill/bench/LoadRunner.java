package dev.seckill.bench;

import dev.seckill.bench.cpu.CpuMeter;
import dev.seckill.bench.cpu.CpuSample;
import dev.seckill.bench.cpu.Quiet;
import dev.seckill.bench.wrk.Wrk;
import dev.seckill.bench.wrk.WrkLoad;
import dev.seckill.bench.wrk.WrkResult;
import java.time.Duration;
import java.util.function.Function;

/**
 * Runs the bench's wrk phases the same way: with new shoppers from the token pool, after the platform went
 * quiet, with the CPU of every metered process read from the load's start to the end of the phase's work.
 * A phase whose shoppers ran out measured too little; it is run once more with three times as many.
 */
final class LoadRunner {

    private static final int TOKEN_RETRY_FACTOR = 3;
    private static final long NOTEWORTHY_WAIT_SECONDS = 3;

    private final Wrk wrk;
    private final TokenPool tokens;
    private final Duration duration;

    LoadRunner(Wrk wrk, TokenPool tokens, Duration duration) {
        this.wrk = wrk;
        this.tokens = tokens;
        this.duration = duration;
    }

    Duration duration() {
        return duration;
    }

    Wrk wrk() {
        return wrk;
    }

    /** Unmeasured: gets the JIT of every process on the path warm. */
    WrkResult warmUp(String name, Duration seconds, int shoppers, Function<TokenPool.Slice, WrkLoad> load) {
        TokenPool.Slice slice = tokens.take(name, shoppers);
        try {
            return wrk.run(name, load.apply(slice), seconds);
        } finally {
            slice.delete();
        }
    }

    WrkResult warmUp(String name, Duration seconds, WrkLoad load) {
        return wrk.run(name, load, seconds);
    }

    /** A measured phase of new shoppers, about {@code expectedShoppers} of them. */
    Measurement measure(String name, CpuMeter meter, int expectedShoppers, Function<TokenPool.Slice, WrkLoad> load,
            Answers answers) {
        int shoppers = expectedShoppers;
        while (true) {
            TokenPool.Slice slice = tokens.take(name, shoppers);
            Measurement measured;
            try {
                measured = measure(name, meter, load.apply(slice), answers);
            } finally {
                slice.delete();
            }
            if (!measured.load().ranOutOfTokens() || shoppers > expectedShoppers) {
                return measured;
            }
            shoppers = TOKEN_RETRY_FACTOR * slice.size();
            System.out.printf("  %s ran out of its %,d shoppers before %d s; once more with %,d%n", name, slice.size(),
                    duration.toSeconds(), shoppers);
        }
    }

    /** A measured phase whose requests need no token (a service called without the gateway). */
    Measurement measure(String name, CpuMeter meter, WrkLoad load, Answers answers) {
        Duration waited = new Quiet(meter).await();
        if (waited.toSeconds() >= NOTEWORTHY_WAIT_SECONDS) {
            System.out.printf("  (waited %d s for the platform to go quiet)%n", waited.toSeconds());
        }
        answers.begin();
        CpuSample before = meter.sample();
        WrkResult result = wrk.run(name, load, duration);
        long loadEnded = System.nanoTime();
        Answers.Settled settled = answers.settle(result);
        CpuSample after = meter.sample();
        return new Measurement(name, result, after.since(before), settled.answers(), (after.atNanos() - loadEnded) / 1e9,
                settled.complete());
    }
}
