package dev.seckill.load;

/**
 * {@link FlashSaleSpike}'s shoppers and arrival, sent to {@code POST /api/bench/noop}: through the same
 * gateway (token check, per-client limit, validation, the hop with its breaker) to the same
 * seckill-service, which answers 202 without deciding anything. The limit of the HTTP path; the
 * platform must run with {@code SECKILL_BENCH_NOOP_ENABLED=true} (bin/seckill bench does).
 */
public class NoopSpike extends FlashSaleSpike {

    public NoopSpike() {
        super(true);
    }
}
