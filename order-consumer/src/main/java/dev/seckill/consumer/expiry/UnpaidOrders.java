package dev.seckill.consumer.expiry;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import dev.seckill.contract.OrderId;

/**
 * The rows of the {@code orders} table the canceller works on. Every replica of order-consumer runs
 * the canceller; {@code FOR UPDATE SKIP LOCKED} hands each due order to exactly one of them, and
 * skips an order a payment holds locked (the payment package locks the row while it charges), so a
 * payment and a cancellation never both happen: whoever locks the row first decides, the other sees
 * the new status.
 */
@Repository
class UnpaidOrders {

    private static final RowMapper<OrderId> ORDER_ID =
            (rs, row) -> new OrderId(rs.getLong("sale_id"), UUID.fromString(rs.getString("id")));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    UnpaidOrders(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Cancels up to {@code limit} CREATED orders whose deadline is at or before {@code now}, in one
     * transaction; their units are not back in Redis yet ({@code stock_returned = 0}).
     */
    List<OrderId> cancelDue(LocalDateTime now, int limit) {
        return transaction.execute(status -> {
            List<OrderId> due = jdbc.query("""
                    SELECT id, sale_id FROM orders WHERE status = 'CREATED' AND pay_by <= ?
                    ORDER BY pay_by LIMIT ? FOR UPDATE SKIP LOCKED""", ORDER_ID, now, limit);
            if (!due.isEmpty()) {
                jdbc.update("UPDATE orders SET status = 'CANCELLED', cancelled_at = ?, stock_returned = 0 WHERE id IN ("
                        + placeholders(due) + ")", arguments(now, due));
            }
            return due;
        });
    }

    /** Cancelled orders whose units are not back in Redis: just cancelled, or left by a canceller that died. */
    List<OrderId> awaitingStockReturn(int limit) {
        return jdbc.query("SELECT id, sale_id FROM orders WHERE status = 'CANCELLED' AND stock_returned = 0 LIMIT ?",
                ORDER_ID, limit);
    }

    void markStockReturned(List<OrderId> orders) {
        jdbc.update("UPDATE orders SET stock_returned = 1 WHERE id IN (" + placeholders(orders) + ")",
                orders.stream().map(order -> order.uuid().toString()).toArray());
    }

    private static String placeholders(List<OrderId> orders) {
        return String.join(", ", Collections.nCopies(orders.size(), "?"));
    }

    private static Object[] arguments(Object first, List<OrderId> orders) {
        Object[] arguments = new Object[orders.size() + 1];
        arguments[0] = first;
        for (int i = 0; i < orders.size(); i++) {
            arguments[i + 1] = orders.get(i).uuid().toString();
        }
        return arguments;
    }
}
