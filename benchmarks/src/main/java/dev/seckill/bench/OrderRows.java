package dev.seckill.bench;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.IntFunction;

/**
 * Order rows written straight over JDBC with order-consumer's statement: batches of 1,000 (the size of the
 * consumer's polls), which {@code rewriteBatchedStatements=true} turns into one multi-row INSERT each, one
 * transaction per batch. The physical limit of the database for the consumer's work, and the fastest way to
 * give a sale a history.
 */
final class OrderRows {

    static final int BATCH = 1_000;
    /** What the consumer gives an order whose event carries no payment deadline. */
    private static final Duration DEFAULT_PAYMENT_WINDOW = Duration.ofMinutes(15);

    private OrderRows() {
    }

    /** The driver option the inserts need; the connection's URL must carry it. */
    static String rewriting(String jdbcUrl) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    }

    /**
     * Inserts orders {@code 0 .. count-1} into {@code table} (one of the shape of {@code orders}), each made by
     * {@code order} when its turn comes, so a million never sit in memory at once.
     *
     * @return seconds taken
     */
    static double insert(Connection database, String table, int count, IntFunction<OrderPlaced> order) throws SQLException {
        boolean autoCommit = database.getAutoCommit();
        database.setAutoCommit(false);
        long started = System.nanoTime();
        try (PreparedStatement insert = database.prepareStatement("""
                INSERT INTO %s (id, sale_id, user_id, quantity, unit_price, status, placed_at, created_at, pay_by)
                VALUES (?, ?, ?, ?, ?, 'CREATED', ?, ?, ?) ON DUPLICATE KEY UPDATE id = id""".formatted(table))) {
            for (int i = 0; i < count; i++) {
                bind(insert, order.apply(i), LocalDateTime.now(ZoneOffset.UTC));
                insert.addBatch();
                if ((i + 1) % BATCH == 0 || i == count - 1) {
                    insert.executeBatch();
                    database.commit();
                }
            }
        } finally {
            database.setAutoCommit(autoCommit);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void bind(PreparedStatement insert, OrderPlaced order, LocalDateTime createdAt) throws SQLException {
        Instant payBy = order.payBy() == null ? order.placedAt().plus(DEFAULT_PAYMENT_WINDOW) : order.payBy();
        insert.setString(1, OrderId.parse(order.orderId()).uuid().toString());
        insert.setLong(2, order.saleId());
        insert.setString(3, order.userId());
        insert.setInt(4, order.quantity());
        insert.setBigDecimal(5, order.unitPrice());
        insert.setObject(6, utc(order.placedAt()));
        insert.setObject(7, createdAt);
        insert.setObject(8, utc(payBy));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
