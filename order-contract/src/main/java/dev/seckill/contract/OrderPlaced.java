package dev.seckill.contract;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The event seckill-service publishes for every accepted purchase, keyed by {@link #orderId()}.
 * Consumers must treat a second delivery of the same order id as a no-op.
 */
public record OrderPlaced(
        String orderId,
        long saleId,
        String userId,
        int quantity,
        BigDecimal unitPrice,
        Instant placedAt) {
}
