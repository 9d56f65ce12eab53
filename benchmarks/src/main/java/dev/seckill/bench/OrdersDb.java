package dev.seckill.bench;

import dev.seckill.contract.OrderPlaced;
import dev.seckill.infra.server.LocalMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.IntFunction;

/** The bench's own connection to the platform's MariaDB: what reached the orders table, and writing rows past the consumer. */
final class OrdersDb implements AutoCloseable {

    private final Connection connection;

    OrdersDb(LocalMariaDb mariaDb) throws SQLException {
        this.connection = DriverManager.getConnection(OrderRows.rewriting(mariaDb.jdbcUrl()), mariaDb.username(), mariaDb.password());
    }

    /**
     * Rows of {@code saleId} placed since {@code since}, counted along the primary key from the first UUIDv7 of that
     * moment: the cost is that of the new rows, however many the sale held before, so counting while a preloaded
     * sale drains does not charge MariaDB for the preload.
     */
    long rowsSince(long saleId, Instant since) throws SQLException {
        UUID first = new UUID((since.toEpochMilli() << 16) | 0x7000L, 0x8000_0000_0000_0000L);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM orders FORCE INDEX (PRIMARY) WHERE id >= ? AND sale_id = ?")) {
            query.setString(1, first.toString());
            query.setLong(2, saleId);
            return single(query);
        }
    }

    long rows(long saleId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM orders WHERE sale_id = ?")) {
            query.setLong(1, saleId);
            return single(query);
        }
    }

    /** What the flash sale left: rows, distinct shoppers, first and last placed_at, last created_at. */
    SaleRows saleRows(long saleId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT COUNT(*), COUNT(DISTINCT user_id), MIN(placed_at), MAX(placed_at), MAX(created_at)
                FROM orders WHERE sale_id = ?""")) {
            query.setLong(1, saleId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return new SaleRows(result.getLong(1), result.getLong(2), epochMillis(result.getObject(3, LocalDateTime.class)),
                        epochMillis(result.getObject(4, LocalDateTime.class)), epochMillis(result.getObject(5, LocalDateTime.class)));
            }
        }
    }

    /**
     * order-consumer's steady rate on its own clock: each batch stamps its rows' {@code created_at} when its insert
     * starts, so the rows stamped after the first batch, over the time from the first stamp to the last, are free
     * of the time before the first batch and of nothing disturbing it while it ran.
     */
    double consumerRate(long saleId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT MIN(created_at), MAX(created_at),
                       SUM(created_at > (SELECT MIN(created_at) FROM orders WHERE sale_id = ?))
                FROM orders WHERE sale_id = ?""")) {
            query.setLong(1, saleId);
            query.setLong(2, saleId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                Duration span = Duration.between(result.getTimestamp(1).toInstant(), result.getTimestamp(2).toInstant());
                return span.isZero() ? 0 : result.getLong(3) / (span.toNanos() / 1e9);
            }
        }
    }

    /** Inserts straight into {@code orders}, as if order-consumer had written them; returns the seconds taken. */
    double insertOrders(int count, IntFunction<OrderPlaced> order) throws SQLException {
        return OrderRows.insert(connection, "orders", count, order);
    }

    /** The same insert into a fresh table of the same shape, dropped afterwards: the database's limit. Orders per second. */
    double plainInsertRate(int count, IntFunction<OrderPlaced> order) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS orders_baseline");
            ddl.execute("CREATE TABLE orders_baseline LIKE orders");
        }
        try {
            return count / OrderRows.insert(connection, "orders_baseline", count, order);
        } finally {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP TABLE orders_baseline");
            }
        }
    }

    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long epochMillis(LocalDateTime utc) {
        return utc == null ? 0 : utc.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** Times are the servers' clocks in epoch milliseconds: placed_at is seckill-service's, created_at order-consumer's. */
    record SaleRows(long rows, long distinctUsers, long firstPlacedAtMs, long lastPlacedAtMs, long lastCreatedAtMs) {
    }
}
