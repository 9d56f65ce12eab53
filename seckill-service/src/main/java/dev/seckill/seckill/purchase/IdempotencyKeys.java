package dev.seckill.seckill.purchase;

import dev.seckill.contract.SaleKeys;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads which order a shopper's idempotency key made, outside the purchase script: for a replay that
 * the local sold-out flag would otherwise refuse without asking Redis (see {@link PurchaseService}).
 */
@Component
class IdempotencyKeys {

    private final StringRedisTemplate redis;

    IdempotencyKeys(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The order id {@code purchase.lua} remembered under this key, if it accepted a purchase with it. */
    Optional<String> earlierOrder(long saleId, String userId, String idempotencyKey) {
        return Optional.ofNullable(redis.opsForValue().get(new SaleKeys(saleId).idempotency(userId, idempotencyKey)));
    }
}
