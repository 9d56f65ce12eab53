package dev.seckill.bench;

import java.util.Map;

/** What the benchmarks change on the platforms they start. */
final class BenchSettings {

    /**
     * Every request of a run comes from this one machine, one client address, far above any per-address
     * or global budget: both limits raised, so only the per-shopper limit bites. The no-op endpoint on,
     * for the baseline of the HTTP path. Nothing else: the sold-out phase measures the gateway's sold-out flag
     * with its own defaults ({@code seckill.gateway.sold-out.*}), as it is deployed.
     */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "SECKILL_GATEWAY_RATE_LIMIT_PER_CLIENT", "100000000/1s",
            "SECKILL_GATEWAY_RATE_LIMIT_GLOBAL", "100000000/1s",
            "SECKILL_BENCH_NOOP_ENABLED", "true");

    private BenchSettings() {
    }
}
