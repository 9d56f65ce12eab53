package dev.seckill.contract;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The event seckill-service publishes for every accepted purchase, keyed by {@link #orderId()}.
 * Consumers must treat a second delivery of the same order id as a no-op.
 *
 * @param payBy when the order is cancelled unless paid (the sale's payment window after
 *     {@code placedAt}); {@code null} in events written before sales had a payment window, for which
 *     the consumer applies its default window
 */
public record OrderPlaced(
        String orderId,
        long saleId,
        String userId,
        int quantity,
        BigDecimal unitPrice,
        Instant placedAt,
        Instant payBy) {

    /** An order without its own payment deadline, as events were before sales had a payment window. */
    public OrderPlaced(String orderId, long saleId, String userId, int quantity, BigDecimal unitPrice, Instant placedAt) {
        this(orderId, saleId, userId, quantity, unitPrice, placedAt, null);
    }
}
