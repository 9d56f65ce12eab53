package dev.seckill.bench;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;
import dev.seckill.contract.SaleKeys;
import io.lettuce.core.RedisFuture;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code --preload N}: gives a sale the state N real purchases would have left once their orders were written,
 * without making them: N rows in MySQL (JDBC multi-row batches), and in Redis each buyer's count, each order's
 * status CREATED (kept as long as seckill-service keeps it) and the stock counter N units lower, in pipelined
 * rounds. The two stores are filled at the same time. Each order has its own shopper {@code preload-<i>}, who
 * never comes back, and the longest payment window, so no canceller touches them while the bench runs.
 */
final class Preload {

    private static final BigDecimal PRICE = new BigDecimal("1.00");
    /** seckill-service's default {@code seckill.purchase.order-status-ttl}. */
    private static final long STATUS_TTL_SECONDS = Duration.ofHours(24).toSeconds();

    private final OrdersDb database;
    private final BenchRedis redis;

    Preload(OrdersDb database, BenchRedis redis) {
        this.database = database;
        this.redis = redis;
    }

    /** Timings of one preload. */
    record Filled(int orders, double seconds, double mysqlSeconds, double redisSeconds) {
    }

    Filled fill(long saleId, int count) {
        // Placed a minute ago: before any phase that counts the sale's new rows by their time-ordered ids.
        Instant placedAt = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        long started = System.nanoTime();
        CompletableFuture<Double> inRedis = CompletableFuture.supplyAsync(() -> fillRedis(saleId, count, placedAt));
        double inMysql;
        try {
            inMysql = database.insertOrders(count, i -> order(saleId, i, placedAt));
        } catch (SQLException e) {
            throw new IllegalStateException("preloading orders into MySQL failed: " + e.getMessage(), e);
        }
        double redisSeconds = inRedis.join();
        return new Filled(count, (System.nanoTime() - started) / 1e9, inMysql, redisSeconds);
    }

    private double fillRedis(long saleId, int count, Instant placedAt) {
        long started = System.nanoTime();
        SaleKeys keys = new SaleKeys(saleId);
        for (int from = 0; from < count; from += OrderRows.BATCH) {
            int to = Math.min(count, from + OrderRows.BATCH);
            int first = from;
            redis.pipelined(commands -> {
                List<RedisFuture<?>> answers = new ArrayList<>();
                Map<String, String> buyers = new LinkedHashMap<>();
                for (int i = first; i < to; i++) {
                    buyers.put(shopper(i), "1");
                    String status = keys.order(orderId(saleId, i, placedAt));
                    answers.add(commands.hset(status, Map.of("status", "CREATED", "userId", shopper(i), "quantity", "1")));
                    answers.add(commands.expire(status, STATUS_TTL_SECONDS));
                }
                answers.add(commands.hset(keys.buyers(), buyers));
                return answers;
            });
        }
        redis.pipelined(commands -> List.of(commands.decrby(keys.stock(), count)));
        return (System.nanoTime() - started) / 1e9;
    }

    private static OrderPlaced order(long saleId, int i, Instant placedAt) {
        return new OrderPlaced(orderId(saleId, i, placedAt).toString(), saleId, shopper(i), 1, PRICE, placedAt,
                placedAt.plus(Duration.ofDays(1)));
    }

    /**
     * Order {@code i}'s id, the same for both stores without remembering a million of them: a UUIDv7 of the
     * preload's time whose random bits are {@code i}, so the rows still append to the primary key in order.
     */
    private static OrderId orderId(long saleId, int i, Instant placedAt) {
        return new OrderId(saleId, new UUID((placedAt.toEpochMilli() << 16) | 0x7000L, 0x8000_0000_0000_0000L | i));
    }

    private static String shopper(int i) {
        return "preload-" + i;
    }
}
