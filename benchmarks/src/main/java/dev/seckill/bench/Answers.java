package dev.seckill.bench;

import dev.seckill.bench.wrk.WrkResult;
import dev.seckill.infra.server.Pause;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What a measured phase divides its CPU by, and when its work is done: some phases end with the load, others
 * only once every accepted order has travelled on (relay, Kafka, consumer, MariaDB), which lags the answers.
 */
interface Answers {

    Duration POLL = Duration.ofMillis(250);
    Duration PATIENCE = Duration.ofMinutes(3);

    /** Right before the load starts. */
    void begin();

    /** Once the load generator has finished; returns when the phase's work is done, or its patience ran out. */
    Settled settle(WrkResult load);

    /** @param complete false when the work was still going on when the bench stopped waiting */
    record Settled(long answers, boolean complete) {
    }

    /** The answers of one status, counted by the load generator; nothing follows them. */
    static Answers withStatus(int status) {
        return new Answers() {
            @Override
            public void begin() {
            }

            @Override
            public Settled settle(WrkResult load) {
                return new Settled(load.count(status), true);
            }
        };
    }

    /**
     * Polls until the units {@code sold} no longer change (no purchase is still in flight) and as many have been
     * {@code carried} on, or {@link #PATIENCE} runs out.
     */
    static Settled awaitCarried(LongSupplier sold, LongSupplier carried) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long before = -1;
        while (true) {
            long now = sold.getAsLong();
            if (now == before && carried.getAsLong() >= now) {
                return new Settled(now, true);
            }
            if (System.nanoTime() > deadline) {
                return new Settled(now, false);
            }
            before = now;
            Pause.of(POLL);
        }
    }
}
