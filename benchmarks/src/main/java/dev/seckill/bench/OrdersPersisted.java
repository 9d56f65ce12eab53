package dev.seckill.bench;

import dev.seckill.bench.wrk.WrkResult;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A purchase phase's answers are the units its sale's stock lost in Redis (which also counts an accepted
 * purchase whose 202 was still on its way when wrk stopped), and it is done once each of them is a row in MySQL.
 */
final class OrdersPersisted implements Answers {

    private final OrdersDb database;
    private final BenchRedis redis;
    private final long saleId;
    private long stockBefore;
    private Instant since;

    OrdersPersisted(OrdersDb database, BenchRedis redis, long saleId) {
        this.database = database;
        this.redis = redis;
        this.saleId = saleId;
    }

    @Override
    public void begin() {
        stockBefore = redis.stock(saleId);
        // A second of slack: an order id is made from seckill-service's clock, this is the bench's (same machine).
        since = Instant.now().minusSeconds(1);
    }

    @Override
    public Settled settle(WrkResult load) {
        return Answers.awaitCarried(() -> stockBefore - redis.stock(saleId), this::rows);
    }

    private long rows() {
        try {
            return database.rowsSince(saleId, since);
        } catch (SQLException e) {
            throw new IllegalStateException("counting the orders of sale " + saleId + " failed: " + e.getMessage(), e);
        }
    }
}
