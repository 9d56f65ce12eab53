package dev.seckill.seckill.sale;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A sale as defined by an admin; the durable truth lives in MySQL, the hot copy in Redis.
 *
 * @param paymentWindow how long after a purchase its order may be paid before it is cancelled
 */
public record Sale(
        long id,
        String skuId,
        String title,
        BigDecimal price,
        int stock,
        Instant startAt,
        Instant endAt,
        int perUserLimit,
        SaleState state,
        Duration paymentWindow) {

    /** The window of a sale created without one. */
    public static final Duration DEFAULT_PAYMENT_WINDOW = Duration.ofMinutes(15);
}
