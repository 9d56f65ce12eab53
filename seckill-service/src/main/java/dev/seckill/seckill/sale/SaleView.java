package dev.seckill.seckill.sale;

import java.math.BigDecimal;
import java.time.Instant;

/** What the API shows of a sale; {@code stockLeft} comes from Redis, the live count. */
public record SaleView(
        long saleId,
        String skuId,
        String title,
        BigDecimal price,
        int stock,
        long stockLeft,
        Instant startAt,
        Instant endAt,
        int perUserLimit,
        SaleState state,
        long paymentWindowSeconds) {

    static SaleView of(Sale sale, long stockLeft) {
        return new SaleView(sale.id(), sale.skuId(), sale.title(), sale.price(), sale.stock(), stockLeft,
                sale.startAt(), sale.endAt(), sale.perUserLimit(), sale.state(),
                sale.paymentWindow().toSeconds());
    }
}
