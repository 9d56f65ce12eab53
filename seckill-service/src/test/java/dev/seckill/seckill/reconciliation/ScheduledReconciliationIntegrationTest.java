package dev.seckill.seckill.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.api.CreateSaleRequest;
import dev.seckill.contract.OrderId;
import dev.seckill.contract.SaleKeys;
import dev.seckill.infra.server.LocalMariaDb;
import dev.seckill.infra.server.LocalRedis;
import dev.seckill.infra.server.Ports;
import dev.seckill.seckill.OrderRowsTestBase;
import dev.seckill.seckill.purchase.PurchaseService;
import dev.seckill.seckill.sale.SaleCatalog;
import dev.seckill.testsupport.OrderEvents;
import dev.seckill.testsupport.SharedServers;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scheduled reconciliation on a sale of 100,000 orders and as many buyers: a round on it while it
 * moves, or after nothing changed, reads nothing that grows with it; once it is quiescent the round's
 * check is exact. What a round costs is read from the servers themselves: Redis' command statistics
 * and MariaDB's {@code Rows_read} (rows read from tables, temporary ones excluded). So this class has
 * a Redis and a MariaDB of its own (each starts in about a second): the other test contexts of this
 * JVM live on and keep running their schedules against the shared ones. This context's schedules that
 * would touch the sale (the round itself, the gauges' {@code XRANGE ... COUNT 1}) are put off for an
 * hour, and the test runs the round's step for the sale. The orders table comes from order-consumer's
 * migrations, including the indexes the probes seek in.
 */
@SpringBootTest(properties = {
    "seckill.reconciliation.interval=1h",
    "seckill.metrics.refresh=1h",
    "seckill.reconciliation.topic=" + ScheduledReconciliationIntegrationTest.QUIET_TOPIC})
@DirtiesContext
class ScheduledReconciliationIntegrationTest {

    /** An order topic nobody writes to: the consumer lag the round asks for is known and 0. */
    static final String QUIET_TOPIC = "reconciliation-test.quiet-orders";
    private static final int ORDERS = 100_000;
    private static final int ROWS_PER_INSERT = 1_000;
    /** What the index probes of a quiet-looking sale may read, against the 100,000 rows of a full check. */
    private static final long PROBE_ROWS = 100;

    private static LocalRedis redisServer;
    private static LocalMariaDb mariaDb;

    @DynamicPropertySource
    static void ownServers(DynamicPropertyRegistry registry) {
        startOwnServers();
        registry.add("spring.kafka.bootstrap-servers", () -> SharedServers.get().kafka().bootstrapServers());
        registry.add("spring.data.redis.host", redisServer::host);
        registry.add("spring.data.redis.port", redisServer::port);
        registry.add("spring.datasource.url", mariaDb::jdbcUrl);
        registry.add("spring.datasource.username", mariaDb::username);
        registry.add("spring.datasource.password", mariaDb::password);
        registry.add("seckill.internal.token", () -> UUID.randomUUID().toString());
    }

    private static synchronized void startOwnServers() {
        if (redisServer != null) {
            return;
        }
        Path dir = Path.of("target", "reconciliation-servers-" + ProcessHandle.current().pid()).toAbsolutePath();
        redisServer = new LocalRedis(dir.resolve("redis"), Ports.freePort());
        mariaDb = new LocalMariaDb(dir.resolve("mariadb"), Ports.freePort());
        // Stopped with the JVM, after the context that uses them has closed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redisServer.stop();
            mariaDb.stop();
        }, "reconciliation-servers-stop"));
        redisServer.start();
        mariaDb.start();
        try (OrderEvents topic = new OrderEvents(SharedServers.get().kafka().bootstrapServers(), QUIET_TOPIC)) {
            topic.createTopic(1);
        }
    }

    @Autowired
    ScheduledReconciliation scheduled;
    @Autowired
    Reconciliation reconciliation;
    @Autowired
    ConsumerLag lag;
    @Autowired
    SaleCatalog catalog;
    @Autowired
    PurchaseService purchases;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void aRoundReadsNothingThatGrowsWithALiveSaleAndChecksAQuiescentOneExactly(@Autowired DataSource dataSource) {
        OrderRowsTestBase.migrateOrdersTable(dataSource);
        long saleId = catalog.create(new CreateSaleRequest("SKU-BIG", "A big sale", new BigDecimal("9.90"), 2 * ORDERS,
                Instant.now().minusSeconds(7200), Instant.now().plusSeconds(7200), 1, 86_400)).saleId();
        SaleKeys keys = new SaleKeys(saleId);
        // 100,000 orders written an hour ago and counted in Redis; one more cancelled, its unit on its way
        // back; and one more unpaid, due for cancellation within the quiet period.
        insertOrders(saleId);
        OrderId returning = insertOrder(saleId, "returning", "CANCELLED", anHourAgo());
        OrderId due = insertOrder(saleId, "due", "CREATED", LocalDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        redis.opsForValue().set(keys.stock(), Integer.toString(ORDERS - 2));
        countBuyers(keys);
        redis.opsForHash().putAll(keys.buyers(), Map.of("returning", "1", "due", "1"));
        OptionalLong noLag = lag.total();
        assertThat(noLag).hasValue(0);

        // Moving: a cancelled unit is on its way back, which a probe finds in MySQL with an index seek.
        Cost returningUnit = costOf(() -> scheduled.reconcile(saleId, noLag));
        assertThat(returningUnit.fullReads()).isZero();
        assertThat(returningUnit.rowsRead()).isLessThan(PROBE_ROWS);
        assertThat(meters.find("seckill.reconciliation.drift").tag("sale", Long.toString(saleId)).gauge()).isNull();

        // The canceller gave the unit back; still moving: an unpaid order is due, one index seek among 100,000 unpaid.
        redis.opsForValue().increment(keys.stock());
        redis.opsForHash().delete(keys.buyers(), "returning");
        jdbc.update("UPDATE orders SET stock_returned = 1 WHERE id = ?", returning.uuid().toString());
        Cost dueOrder = costOf(() -> scheduled.reconcile(saleId, noLag));
        assertThat(dueOrder.fullReads()).isZero();
        assertThat(dueOrder.rowsRead()).isLessThan(PROBE_ROWS);

        // Paid in time; and a stray unit, which the check must find, lands on the counter.
        jdbc.update("UPDATE orders SET status = 'PAID' WHERE id = ?", due.uuid().toString());
        redis.opsForValue().increment(keys.stock());

        Cost quiescent = costOf(() -> scheduled.reconcile(saleId, noLag));
        assertThat(quiescent.xrange()).as("the full check ran, and the counters see it").isPositive();
        assertThat(quiescent.hgetall()).isPositive();
        assertThat(quiescent.rowsRead()).isGreaterThanOrEqualTo(ORDERS);
        assertThat(driftGauge(saleId)).isEqualTo(-1.0);
        ReconciliationReport report = reconciliation.report(saleId, noLag);
        assertThat(report.notQuiescent()).isEmpty();
        assertThat(report.liveUnits()).isEqualTo(ORDERS + 1L);
        assertThat(report.returningUnits()).isZero();
        assertThat(report.outboxUnits()).isZero();
        assertThat(report.redisStock()).isEqualTo(ORDERS);
        assertThat(report.expectedRedisStock()).isEqualTo(ORDERS - 1L);
        assertThat(report.drift()).isEqualTo(-1);
        assertThat(report.buyers()).isEmpty();

        // Nothing changed since: the round does not read the sale again.
        Cost unchanged = costOf(() -> scheduled.reconcile(saleId, noLag));
        assertThat(unchanged.fullReads()).isZero();
        assertThat(unchanged.rowsRead()).isLessThan(PROBE_ROWS);

        // Live again: a purchase, after which Redis alone says the sale moves; the gauge keeps its last value.
        purchases.purchase(saleId, "late-buyer", 1, null);
        Cost live = costOf(() -> scheduled.reconcile(saleId, noLag));
        assertThat(live.fullReads()).isZero();
        assertThat(live.rowsRead()).isLessThan(PROBE_ROWS);
        assertThat(driftGauge(saleId)).isEqualTo(-1.0);
    }

    /** Rows as order-consumer writes them, many to a statement (this connection does not rewrite batches). */
    private void insertOrders(long saleId) {
        String values = String.join(", ", Collections.nCopies(ROWS_PER_INSERT, "(?, ?, ?, 1, 9.90, 'CREATED', ?, ?, ?)"));
        LocalDateTime placedAt = anHourAgo();
        LocalDateTime payBy = placedAt.plusDays(2);
        for (int first = 0; first < ORDERS; first += ROWS_PER_INSERT) {
            List<Object> arguments = new ArrayList<>();
            for (int i = first; i < first + ROWS_PER_INSERT; i++) {
                arguments.addAll(List.of(OrderId.next(saleId, Clock.systemUTC()).uuid().toString(), saleId, buyer(i),
                        placedAt, placedAt, payBy));
            }
            jdbc.update("INSERT INTO orders (id, sale_id, user_id, quantity, unit_price, status, placed_at, created_at, pay_by) "
                    + "VALUES " + values, arguments.toArray());
        }
    }

    private OrderId insertOrder(long saleId, String userId, String status, LocalDateTime payBy) {
        OrderId orderId = OrderId.next(saleId, Clock.systemUTC());
        jdbc.update("INSERT INTO orders (id, sale_id, user_id, quantity, unit_price, status, placed_at, created_at, pay_by) "
                + "VALUES (?, ?, ?, 1, 9.90, ?, ?, ?, ?)", orderId.uuid().toString(), saleId, userId, status, anHourAgo(),
                anHourAgo(), payBy);
        return orderId;
    }

    private void countBuyers(SaleKeys keys) {
        for (int first = 0; first < ORDERS; first += ROWS_PER_INSERT) {
            Map<String, String> buyers = new HashMap<>();
            for (int i = first; i < first + ROWS_PER_INSERT; i++) {
                buyers.put(buyer(i), "1");
            }
            redis.opsForHash().putAll(keys.buyers(), buyers);
        }
    }

    private static String buyer(int i) {
        return "buyer-" + i;
    }

    private static LocalDateTime anHourAgo() {
        return LocalDateTime.now(ZoneOffset.UTC).minusHours(1);
    }

    private double driftGauge(long saleId) {
        return meters.get("seckill.reconciliation.drift").tag("sale", Long.toString(saleId)).gauge().value();
    }

    private Cost costOf(Runnable round) {
        Cost before = cost();
        round.run();
        Cost after = cost();
        return new Cost(after.xrange - before.xrange, after.hgetall - before.hgetall, after.rowsRead - before.rowsRead);
    }

    private Cost cost() {
        Properties stats;
        try (RedisConnection connection = redis.getRequiredConnectionFactory().getConnection()) {
            stats = connection.serverCommands().info("commandstats");
        }
        long rowsRead = jdbc.queryForObject("SHOW GLOBAL STATUS LIKE 'Rows_read'", (rs, row) -> rs.getLong(2));
        return new Cost(calls(stats, "xrange"), calls(stats, "hgetall"), rowsRead);
    }

    /** From {@code cmdstat_<command>:calls=N,usec=...}; absent until the command first ran. */
    private static long calls(Properties stats, String command) {
        String line = stats.getProperty("cmdstat_" + command);
        if (line == null) {
            return 0;
        }
        return Long.parseLong(line.substring("calls=".length(), line.indexOf(',')));
    }

    /** Commands and rows between two readings of the servers' counters. */
    private record Cost(long xrange, long hgetall, long rowsRead) {

        long fullReads() {
            return xrange + hgetall;
        }
    }
}
