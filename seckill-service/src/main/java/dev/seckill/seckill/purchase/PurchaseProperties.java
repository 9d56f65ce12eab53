package dev.seckill.seckill.purchase;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idempotencyTtl how long a shopper's Idempotency-Key is remembered
 * @param orderStatusTtl how long an order's status stays in Redis for polling before only MySQL knows it
 */
@ConfigurationProperties("seckill.purchase")
public record PurchaseProperties(
        @DefaultValue("24h") Duration idempotencyTtl,
        @DefaultValue("24h") Duration orderStatusTtl) {
}
