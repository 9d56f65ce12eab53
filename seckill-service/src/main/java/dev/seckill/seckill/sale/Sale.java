package dev.seckill.seckill.sale;

import java.math.BigDecimal;
import java.time.Instant;

/** A sale as defined by an admin; the durable truth lives in MySQL, the hot copy in Redis. */
public record Sale(
        long id,
        String skuId,
        String title,
        BigDecimal price,
        int stock,
        Instant startAt,
        Instant endAt,
        int perUserLimit,
        SaleState state) {
}
