package dev.seckill.bench;

import dev.seckill.bench.cpu.CpuMeter;
import dev.seckill.bench.wrk.WrkLoad;
import dev.seckill.bench.wrk.WrkResult;
import dev.seckill.infra.platform.Platform;
import java.time.Duration;
import java.util.Map;

/**
 * The wrk phases against our platform: purchases through the gateway (each a new shopper with a new token),
 * on a fresh or a preloaded sale, at full speed or paced; a sold-out sale flooded; and the bare hop, the no-op
 * endpoint of seckill-service called directly.
 */
final class PurchasePhases {

    /** A capacity sale never sells out while wrk runs: every answer is a 202. */
    static final long CAPACITY_STOCK = 1_000_000;
    /**
     * Shoppers of a sold-out flood, each sent again and again: the gateway answers a flagged sale before it reads the
     * token, so a new token per request would only cost signing (a sold-out flood runs at ten times the purchases'
     * rate). The flag's lapse lets one purchase a second or so through to seckill-service, which sees a new shopper
     * among thousands.
     */
    private static final int SOLD_OUT_SHOPPERS = 20_000;
    /** Slack over the expected shoppers: the estimate comes from an earlier run, and a shared machine varies by half. */
    private static final double SHOPPER_MARGIN = 2;

    private final GatewayApi api;
    private final Platform platform;
    private final LoadRunner runner;
    private final CpuMeter meter;
    private final OrdersDb database;
    private final BenchRedis redis;

    PurchasePhases(GatewayApi api, Platform platform, LoadRunner runner, CpuMeter meter, OrdersDb database, BenchRedis redis) {
        this.api = api;
        this.platform = platform;
        this.runner = runner;
        this.meter = meter;
        this.database = database;
        this.redis = redis;
    }

    /** Purchases through the gateway for {@code seconds}, unmeasured; returns the accepted purchases per second. */
    double warmUp(Duration seconds, double expectedRate) {
        long saleId = api.openSale("Bench warm-up", CAPACITY_STOCK);
        WrkResult warm = runner.warmUp("gateway-warmup", seconds, shoppers(expectedRate, seconds), slice -> purchases(saleId, slice));
        return rateSeen(warm, 202, seconds);
    }

    /**
     * Unmeasured, before anything else: rounds of purchases and of a sold-out flood through the gateway for
     * {@code total}, so that the first measured phase meets compiled code. On two cores the JIT competes with the
     * load it compiles for; the platform needs tens of thousands of purchases, one to two minutes, to reach its
     * steady cost. A deployed platform has served traffic before its sale opens; a bench on a just-started one would
     * measure the compiler.
     */
    void jitWarmUp(Duration total) {
        Duration round = Duration.ofSeconds(Math.min(30, Math.max(1, total.toSeconds())));
        Duration flood = Duration.ofSeconds(Math.max(1, round.toSeconds() / 5));
        long soldOutSale = soldOutSale("Bench JIT warm-up, sold out");
        double rate = 1_000;
        for (long spent = 0; spent < total.toSeconds(); spent += round.toSeconds() + flood.toSeconds()) {
            rate = Math.max(rate, warmUp(round, rate));
            runner.warmUp("jit-warmup-sold-out", flood, SOLD_OUT_SHOPPERS, slice -> purchases(soldOutSale, slice).cycling());
        }
    }

    long openCapacitySale(String title, long alreadySold) {
        return api.openSale(title, alreadySold + CAPACITY_STOCK);
    }

    /** Accepted purchases per second and their CPU, until every one of them is a row in MySQL. */
    Measurement capacity(String name, long saleId, double expectedRate) {
        return runner.measure(name, meter, shoppers(expectedRate, runner.duration()), slice -> purchases(saleId, slice),
                new OrdersPersisted(database, redis, saleId));
    }

    /** Accepted purchases paced to {@code rate} a second, for their latency. */
    Measurement paced(String name, double rate) {
        long saleId = api.openSale("Bench paced", CAPACITY_STOCK);
        return runner.measure(name, meter, shoppers(rate, runner.duration()), slice -> purchases(saleId, slice).paced(rate),
                Answers.withStatus(202));
    }

    /**
     * A sale whose one unit is sold, so that the gateway has seen its sold-out answer, flooded by shoppers (see
     * {@link #SOLD_OUT_SHOPPERS}): the CPU of each sold-out answer.
     */
    Measurement soldOut(Duration warmUp) {
        long saleId = soldOutSale("Bench sold out");
        runner.warmUp("sold-out-warmup", warmUp, SOLD_OUT_SHOPPERS, slice -> purchases(saleId, slice).cycling());
        return runner.measure("sold-out", meter, SOLD_OUT_SHOPPERS, slice -> purchases(saleId, slice).cycling(),
                Answers.withStatus(409));
    }

    /** seckill-service's no-op endpoint straight, with the internal token and a new shopper id each time. */
    Measurement bareHop(Duration warmUp) {
        WrkLoad noop = WrkLoad.withUserIds(platform.seckill().url(), "/api/bench/noop",
                Map.of("X-Internal-Token", platform.secrets().internalToken()), "hop-");
        runner.warmUp("bare-hop-warmup", warmUp, noop);
        return runner.measure("bare-hop", meter, noop, Answers.withStatus(202));
    }

    /** A sale of one unit, bought, then asked for once more: the gateway has seen its sold-out answer. */
    private long soldOutSale(String title) {
        long saleId = api.openSale(title, 1);
        for (String shopper : new String[] {"bench-sold-out-first", "bench-sold-out-second"}) {
            api.purchase(saleId, platform.tokens().shopper(shopper));
        }
        return saleId;
    }

    /**
     * The rate of {@code status} answers a warm-up saw; one that ran out of shoppers stopped early and went faster
     * than its count says, so it is taken for three times that (the phase after it repeats itself if still short).
     */
    private static double rateSeen(WrkResult warm, int status, Duration seconds) {
        return warm.ranOutOfTokens() ? 3.0 * warm.count(status) / seconds.toSeconds() : warm.perSecond(status);
    }

    private WrkLoad purchases(long saleId, TokenPool.Slice slice) {
        return WrkLoad.withTokens(platform.gatewayUrl(), "/api/sales/" + saleId + "/purchases", slice.prefix());
    }

    private int shoppers(double rate, Duration seconds) {
        return (int) Math.ceil(Math.max(1, rate) * seconds.toSeconds() * SHOPPER_MARGIN);
    }
}
