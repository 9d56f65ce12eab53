package dev.seckill.seckill.reconciliation;

import dev.seckill.contract.SaleKeys;
import dev.seckill.seckill.sale.RedisSales;
import dev.seckill.seckill.sale.Sale;
import dev.seckill.seckill.sale.SaleRepository;
import dev.seckill.seckill.sale.SoldUnits;
import dev.seckill.web.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Compares a sale's units in Redis with the durable orders, and repairs Redis from MySQL when the
 * sale is quiescent: nothing in its outbox, no cancelled units on their way back, no unpaid order
 * due for cancellation within {@code quiet-period}, the order consumer caught up (lag 0), and no order
 * placed for {@code quiet-period}. Only then are all accepted orders in MySQL, so MySQL is the whole
 * truth; the repair itself is a compare-and-set in Redis that gives up if a purchase came in after the
 * check (see {@code restore-stock.lua}).
 *
 * <p>The check reads the whole sale (its outbox, its buyers, every order), so it runs on an admin's
 * request or, on a schedule, only where {@link ScheduledReconciliation} found it worth that cost.
 */
@Service
class Reconciliation {

    private final SaleRepository sales;
    private final RedisSales redisSales;
    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;
    private final ConsumerLag lag;
    private final ReconciliationProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<Long, AtomicLong> drifts = new ConcurrentHashMap<>();

    Reconciliation(SaleRepository sales, RedisSales redisSales, StringRedisTemplate redis, JdbcTemplate jdbc,
            ConsumerLag lag, ReconciliationProperties properties, Clock clock, MeterRegistry meters) {
        this.sales = sales;
        this.redisSales = redisSales;
        this.redis = redis;
        this.jdbc = jdbc;
        this.lag = lag;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** @param consumerLag the order consumer's lag, asked once for a round of sales */
    ReconciliationReport report(long saleId, OptionalLong consumerLag) {
        return check(sale(saleId), stock(saleId), false, consumerLag);
    }

    ReconciliationReport report(long saleId) {
        return report(saleId, lag.total());
    }

    /** Repairs a quiescent sale's counters; refuses (409) a sale that may still be moving. */
    ReconciliationReport repair(long saleId) {
        Sale sale = sale(saleId);
        String observedStock = stock(saleId);
        ReconciliationReport before = check(sale, observedStock, false, lag.total());
        if (!before.quiescent()) {
            throw ProblemType.SALE_NOT_QUIESCENT.exception("Sale " + saleId + " is not quiescent: "
                    + String.join("; ", before.notQuiescent()));
        }
        if (!redisSales.repair(sale, observedStock, sales.soldUnits(saleId))) {
            throw ProblemType.SALE_NOT_QUIESCENT.exception("Sale " + saleId + " took a purchase during the repair");
        }
        return check(sale, stock(saleId), true, lag.total());
    }

    private String stock(long saleId) {
        return redis.opsForValue().get(new SaleKeys(saleId).stock());
    }

    private ReconciliationReport check(Sale sale, String stock, boolean repaired, OptionalLong consumerLag) {
        SaleKeys keys = new SaleKeys(sale.id());
        SoldUnits live = sales.soldUnits(sale.id());
        Map<String, Long> expected = new HashMap<>(live.byUser());
        long outboxUnits = 0;
        var outbox = redis.opsForStream().range(keys.outbox(), Range.unbounded());
        for (var entry : outbox == null ? List.<org.springframework.data.redis.connection.stream.MapRecord<String, Object, Object>>of() : outbox) {
            long units = Long.parseLong((String) entry.getValue().get("quantity"));
            outboxUnits += units;
            expected.merge((String) entry.getValue().get("userId"), units, Long::sum);
        }
        Map<String, Long> returning = new HashMap<>();
        jdbc.query("SELECT user_id, SUM(quantity) FROM orders WHERE sale_id = ? AND status = 'CANCELLED' "
                + "AND stock_returned = 0 GROUP BY user_id", rs -> {
                    returning.put(rs.getString(1), rs.getLong(2));
                }, sale.id());
        returning.forEach((user, units) -> expected.merge(user, units, Long::sum));
        long returningUnits = returning.values().stream().mapToLong(Long::longValue).sum();
        Long redisStock = stock == null ? null : Long.valueOf(stock);
        long expectedRedisStock = sale.stock() - live.total() - outboxUnits - returningUnits;
        long drift = expectedRedisStock - (redisStock == null ? 0 : redisStock);

        List<ReconciliationReport.BuyerDrift> buyers = new ArrayList<>();
        Map<Object, Object> inRedis = redis.opsForHash().entries(keys.buyers());
        Set<String> users = new TreeSet<>(expected.keySet());
        inRedis.keySet().forEach(user -> users.add((String) user));
        for (String user : users) {
            long redisUnits = inRedis.containsKey(user) ? Long.parseLong((String) inRedis.get(user)) : 0;
            long expectedUnits = expected.getOrDefault(user, 0L);
            if (redisUnits != expectedUnits) {
                buyers.add(new ReconciliationReport.BuyerDrift(user, redisUnits, expectedUnits));
            }
        }

        List<String> notQuiescent = new ArrayList<>();
        if (outboxUnits > 0) {
            notQuiescent.add("orders waiting in the outbox");
        }
        if (returningUnits > 0) {
            notQuiescent.add("cancelled units on their way back");
        }
        if (consumerLag.isEmpty()) {
            notQuiescent.add("consumer lag unknown");
        } else if (consumerLag.getAsLong() > 0) {
            notQuiescent.add("order consumer behind by " + consumerLag.getAsLong() + " events");
        }
        Instant now = clock.instant();
        // The canceller commits CANCELLED in MySQL before it gives the units back in Redis: a repair
        // between the two would count those units as free and the canceller would add them again.
        Long dueSoon = jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE sale_id = ? AND status = 'CREATED' "
                + "AND pay_by < ?", Long.class, sale.id(), LocalDateTime.ofInstant(now.plus(properties.quietPeriod()), ZoneOffset.UTC));
        if (dueSoon != null && dueSoon > 0) {
            notQuiescent.add("unpaid orders due for cancellation within " + properties.quietPeriod().toSeconds() + " s: " + dueSoon);
        }
        LocalDateTime lastPlaced = jdbc.queryForObject("SELECT MAX(placed_at) FROM orders WHERE sale_id = ?",
                LocalDateTime.class, sale.id());
        if (lastPlaced != null && lastPlaced.toInstant(ZoneOffset.UTC).plus(properties.quietPeriod()).isAfter(now)) {
            notQuiescent.add("an order was placed within the last " + properties.quietPeriod().toSeconds() + " s");
        }
        gauge(sale.id()).set(drift);
        return new ReconciliationReport(sale.id(), sale.stock(), redisStock, expectedRedisStock, live.total(), outboxUnits, returningUnits,
                consumerLag.isPresent() ? consumerLag.getAsLong() : null, drift, buyers, notQuiescent, repaired, now);
    }

    private AtomicLong gauge(long saleId) {
        return drifts.computeIfAbsent(saleId, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("seckill.reconciliation.drift", value, AtomicLong::get)
                    .description("units of the sale neither in Redis stock nor held by an order")
                    .tag("sale", Long.toString(id)).register(meters);
            return value;
        });
    }

    private Sale sale(long saleId) {
        return sales.find(saleId).orElseThrow(() -> ProblemType.SALE_NOT_FOUND.exception("No sale with id " + saleId));
    }
}
