package dev.seckill.bench;

import static org.awaitility.Awaitility.await;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;
import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.server.LocalMariaDb;
import dev.seckill.infra.server.LocalServers;
import dev.seckill.testsupport.OrderEvents;
import dev.seckill.testsupport.SharedServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Orders persisted per second by order-consumer, run as its own process exactly as deployed, from a
 * topic pre-filled with 100,000 events; and in the same run the physical limit: one thread inserting
 * the same rows into the same database with plain JDBC batches ({@code rewriteBatchedStatements=true},
 * one transaction per batch of 1,000, the size of the consumer's polls). Prints both and their ratio.
 *
 * <p>The consumer's rate is measured on its own clock, without touching it while it runs: each batch
 * stamps its rows' {@code created_at} when its insert starts, so the rows stamped after the first
 * batch divided by the time from the first stamp to the last are its steady rate, free of the
 * process's start-up. Besides the insert it also marks every order CREATED in Redis; the baseline
 * does neither that nor any Kafka work. The worker pool is the consumer's default unless
 * {@code SECKILL_CONSUMER_CONCURRENCY} is set in the environment, which the process inherits.
 *
 * <p>System property {@code bench.orders} (default 100000).
 */
public final class OrderConsumerBenchmark {

    private static final int PARTITIONS = 12;
    private static final int BATCH = 1_000;
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private OrderConsumerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.orders", 100_000);
        Path root = Path.of(System.getProperty("seckill.project-root", "..")).toAbsolutePath().normalize();
        LocalServers servers = SharedServers.get();
        long saleId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String topic = "bench.orders." + saleId;
        String group = topic + ".group";
        List<OrderPlaced> orders = OrderEvents.orders(saleId, count);

        try (OrderEvents events = new OrderEvents(servers.kafka().bootstrapServers(), topic)) {
            events.createTopic(PARTITIONS);
            System.out.printf("Pre-filling %s with %,d events...%n", topic, count);
            events.send(orders);

            Platform platform = Platform.onFreePorts(servers, root, root.resolve("benchmarks/target/platform"));
            ServiceProcess consumer = platform.consumer();
            Map<String, String> environment = new HashMap<>(platform.environmentFor(consumer));
            environment.put("SECKILL_CONSUMER_TOPIC", topic);
            environment.put("SECKILL_CONSUMER_DEAD_LETTER_TOPIC", topic + ".DLT");
            environment.put("SPRING_KAFKA_CONSUMER_GROUP_ID", group);
            consumer.start(environment);
            try {
                awaitConsumed(events, group);
            } finally {
                consumer.stop();
            }

            LocalMariaDb mariaDb = servers.mariaDb();
            try (Connection database = DriverManager.getConnection(
                    mariaDb.jdbcUrl() + "?rewriteBatchedStatements=true", mariaDb.username(), mariaDb.password())) {
                double viaConsumer = consumerRate(database, saleId, count);
                double baseline = plainBatchInsert(database, orders);

                System.out.println();
                System.out.printf("%,d orders into MariaDB, %d partitions, all on this machine (%d cores):%n",
                        count, PARTITIONS, Runtime.getRuntime().availableProcessors());
                System.out.printf("  %-66s %,10.0f orders/s%n", "order-consumer (Kafka -> batch insert -> Redis CREATED), "
                        + System.getenv().getOrDefault("SECKILL_CONSUMER_CONCURRENCY", "default") + " workers", viaConsumer);
                System.out.printf("  %-66s %,10.0f orders/s%n", "plain JDBC batch insert, 1 thread, batches of " + BATCH, baseline);
                System.out.printf("  %-66s %10.1f %%%n", "consumer / plain insert", 100 * viaConsumer / baseline);
            }
        }
        System.exit(0);
    }

    private static void awaitConsumed(OrderEvents events, String group) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> events.consumedAll(group));
    }

    /** Rows stamped after the first batch, per second between the first and the last stamp. */
    private static double consumerRate(Connection database, long saleId, int count) throws SQLException {
        try (PreparedStatement query = database.prepareStatement("""
                SELECT COUNT(*), MIN(created_at), MAX(created_at),
                       SUM(created_at > (SELECT MIN(created_at) FROM orders WHERE sale_id = ?))
                FROM orders WHERE sale_id = ?""")) {
            query.setLong(1, saleId);
            query.setLong(2, saleId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                if (result.getInt(1) != count) {
                    throw new IllegalStateException("expected " + count + " rows, found " + result.getInt(1));
                }
                Duration span = Duration.between(result.getTimestamp(2).toInstant(), result.getTimestamp(3).toInstant());
                return result.getLong(4) / (span.toNanos() / 1e9);
            }
        }
    }

    /** The same rows with the consumer's statement, into a fresh table of the same shape. */
    private static double plainBatchInsert(Connection database, List<OrderPlaced> orders) throws SQLException {
        try (Statement ddl = database.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS orders_baseline");
            ddl.execute("CREATE TABLE orders_baseline LIKE orders");
        }
        database.setAutoCommit(false);
        long started = System.nanoTime();
        try (PreparedStatement insert = database.prepareStatement("""
                INSERT INTO orders_baseline (id, sale_id, user_id, quantity, unit_price, status, placed_at, created_at)
                VALUES (?, ?, ?, ?, ?, 'CREATED', ?, ?) ON DUPLICATE KEY UPDATE id = id""")) {
            for (int i = 0; i < orders.size(); i++) {
                OrderPlaced order = orders.get(i);
                insert.setString(1, OrderId.parse(order.orderId()).uuid().toString());
                insert.setLong(2, order.saleId());
                insert.setString(3, order.userId());
                insert.setInt(4, order.quantity());
                insert.setBigDecimal(5, order.unitPrice());
                insert.setObject(6, LocalDateTime.ofInstant(order.placedAt(), ZoneOffset.UTC));
                insert.setObject(7, LocalDateTime.now(ZoneOffset.UTC));
                insert.addBatch();
                if ((i + 1) % BATCH == 0 || i == orders.size() - 1) {
                    insert.executeBatch();
                    database.commit();
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Statement ddl = database.createStatement()) {
            ddl.execute("DROP TABLE orders_baseline");
        }
        return orders.size() / seconds;
    }
}
