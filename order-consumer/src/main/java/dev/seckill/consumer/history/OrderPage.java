package dev.seckill.consumer.history;

import dev.seckill.contract.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One page of a shopper's order history.
 *
 * @param next the cursor for the next page ({@code before=<next>}), {@code null} on the last page
 */
record OrderPage(List<Entry> orders, String next) {

    record Entry(String orderId, long saleId, int quantity, BigDecimal amount, OrderStatus status, Instant placedAt,
            Instant payBy) {
    }
}
