package dev.seckill.testsupport;

import dev.seckill.contract.OrderId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Rows of the {@code orders} table as order-consumer's listener writes them, for tests that stage an
 * order's later life (payment, history, reconciliation) without running the listener.
 */
public final class OrderRows {

    private OrderRows() {
    }

    /** The row of {@code orderId} in {@code status}; times are UTC, as everywhere in the table. */
    public static void insert(DataSource database, OrderId orderId, String userId, int quantity, String unitPrice,
            String status, Instant placedAt, Instant payBy) {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO orders "
                        + "(id, sale_id, user_id, quantity, unit_price, status, placed_at, created_at, pay_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, orderId.uuid().toString());
            insert.setLong(2, orderId.saleId());
            insert.setString(3, userId);
            insert.setInt(4, quantity);
            insert.setBigDecimal(5, new BigDecimal(unitPrice));
            insert.setString(6, status);
            insert.setObject(7, utc(placedAt));
            insert.setObject(8, utc(placedAt));
            insert.setObject(9, utc(payBy));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not insert the row of order " + orderId, e);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
