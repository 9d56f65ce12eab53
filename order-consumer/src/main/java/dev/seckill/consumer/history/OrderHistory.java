package dev.seckill.consumer.history;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import dev.seckill.web.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A shopper's orders from MySQL, newest first, a page at a time. Pages are keyset pages on the
 * index {@code (user_id, placed_at)} (InnoDB appends the primary key, which breaks ties): a page is
 * one index range read however deep the shopper pages, where OFFSET would read and drop every row
 * before it. The cursor is the last order id of the previous page. Orders still on their way to the
 * database (PENDING) appear once the consumer wrote them.
 */
@Component
class OrderHistory {

    private static final String COLUMNS = "id, sale_id, quantity, unit_price, status, placed_at, pay_by";

    private final JdbcTemplate jdbc;

    OrderHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} orders of the shopper placed before {@code before} (or the newest, without one). */
    OrderPage page(String userId, OrderId before, int limit) {
        List<OrderPage.Entry> entries;
        if (before == null) {
            entries = jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE user_id = ? "
                    + "ORDER BY placed_at DESC, id DESC LIMIT ?", OrderHistory::entry, userId, limit + 1);
        } else {
            List<LocalDateTime> cursor = jdbc.queryForList("SELECT placed_at FROM orders WHERE id = ? AND user_id = ?",
                    LocalDateTime.class, before.uuid().toString(), userId);
            if (cursor.isEmpty()) {
                throw ApiException.invalidRequest("before must be an order of this shopper's history");
            }
            entries = jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE user_id = ? "
                    + "AND (placed_at < ? OR (placed_at = ? AND id < ?)) ORDER BY placed_at DESC, id DESC LIMIT ?",
                    OrderHistory::entry, userId, cursor.get(0), cursor.get(0), before.uuid().toString(), limit + 1);
        }
        boolean more = entries.size() > limit;
        List<OrderPage.Entry> page = more ? entries.subList(0, limit) : entries;
        return new OrderPage(page, more ? page.get(page.size() - 1).orderId() : null);
    }

    private static OrderPage.Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long saleId = rs.getLong("sale_id");
        int quantity = rs.getInt("quantity");
        BigDecimal unitPrice = rs.getBigDecimal("unit_price");
        LocalDateTime payBy = rs.getObject("pay_by", LocalDateTime.class);
        return new OrderPage.Entry(new OrderId(saleId, UUID.fromString(rs.getString("id"))).toString(), saleId,
                quantity, unitPrice.multiply(BigDecimal.valueOf(quantity)), OrderStatus.valueOf(rs.getString("status")),
                utc(rs.getObject("placed_at", LocalDateTime.class)), payBy == null ? null : utc(payBy));
    }

    private static Instant utc(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC);
    }
}
