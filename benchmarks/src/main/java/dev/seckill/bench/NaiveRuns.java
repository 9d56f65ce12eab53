package dev.seckill.bench;

import dev.seckill.bench.cpu.CpuMeter;
import dev.seckill.bench.wrk.WrkLoad;
import dev.seckill.bench.wrk.WrkResult;
import dev.seckill.bench.naive.NaiveSeckillApplication;
import dev.seckill.infra.server.LocalKafka;
import dev.seckill.infra.server.Pause;
import java.time.Duration;

/**
 * The naive design measured as ours is: its capacity and CPU per purchase with the same wrk settings (called
 * directly, it has no gateway), from the load's start until every accepted order is in Kafka; then what it
 * loses: a few seconds of purchases while Kafka is stopped, counted against the orders that reached the topic
 * once Kafka is back.
 */
final class NaiveRuns {

    private static final long STOCK = 100_000_000;
    private static final Duration OUTAGE_LOAD = Duration.ofSeconds(5);
    /** The naive producer's delivery timeout (naive-seckill.yml) and a margin: by then it has given up on every record. */
    private static final Duration GIVE_UP = Duration.ofSeconds(13);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    private final NaiveBaseline naive;
    private final LoadRunner runner;
    private final BenchRedis redis;
    private final LocalKafka kafka;

    NaiveRuns(NaiveBaseline naive, LoadRunner runner, BenchRedis redis, LocalKafka kafka) {
        this.naive = naive;
        this.runner = runner;
        this.redis = redis;
        this.kafka = kafka;
    }

    /** What the naive design told its shoppers while Kafka was down, and what of it Kafka holds afterwards. */
    record Loss(double outageSeconds, long accepted, long stockTaken, long ordersInKafka) {

        /** Shoppers told yes whose order exists nowhere. */
        long lost() {
            return Math.max(0, accepted - ordersInKafka);
        }
    }

    void warmUp(Duration seconds) {
        runner.warmUp("naive-warmup", seconds, load(sale(1)));
    }

    Measurement capacity(CpuMeter meter) {
        return runner.measure("naive-capacity", meter, load(sale(2)), new Delivered(2));
    }

    Loss whileKafkaIsDown() {
        long saleId = sale(3);
        long ordersBefore = naive.ordersInKafka();
        long stockBefore = redis.get(NaiveSeckillApplication.stockKey(saleId));
        long stopped = System.nanoTime();
        kafka.stop();
        WrkResult load = runner.wrk().run("naive-kafka-down", load(saleId), OUTAGE_LOAD);
        long stockTaken = stockBefore - redis.get(NaiveSeckillApplication.stockKey(saleId));
        Pause.of(GIVE_UP);
        kafka.start();
        double outage = (System.nanoTime() - stopped) / 1e9;
        return new Loss(outage, load.count(202), stockTaken, stableOrderCount() - ordersBefore);
    }

    private long sale(long saleId) {
        redis.set(NaiveSeckillApplication.stockKey(saleId), STOCK);
        return saleId;
    }

    private WrkLoad load(long saleId) {
        return WrkLoad.withUserIds(naive.url(), NaiveBaseline.purchasePath(saleId), java.util.Map.of(), "naive-");
    }

    /** The topic's record count once it has not changed for a few seconds. */
    private long stableOrderCount() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long count = naive.ordersInKafka();
        while (System.nanoTime() < deadline) {
            Pause.of(SETTLE);
            long now = naive.ordersInKafka();
            if (now == count) {
                return now;
            }
            count = now;
        }
        return count;
    }

    /** The naive phase's answers are the units its stock lost, done once as many orders reached Kafka. */
    private final class Delivered implements Answers {

        private final long saleId;
        private long stockBefore;
        private long ordersBefore;

        Delivered(long saleId) {
            this.saleId = saleId;
        }

        @Override
        public void begin() {
            stockBefore = redis.get(NaiveSeckillApplication.stockKey(saleId));
            ordersBefore = naive.ordersInKafka();
        }

        @Override
        public Settled settle(WrkResult load) {
            return Answers.awaitCarried(() -> stockBefore - redis.get(NaiveSeckillApplication.stockKey(saleId)),
                    () -> naive.ordersInKafka() - ordersBefore);
        }
    }
}
