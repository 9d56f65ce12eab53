package dev.seckill.consumer.payment;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import dev.seckill.contract.SaleScripts;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * An order's status hash in Redis, where shoppers poll, as far as a payment needs it. The hash is one
 * of a sale's keys, which seckill-service owns: it is read and changed only through the scripts
 * seckill-service publishes for it ({@link SaleScripts}), and this package names no key.
 */
@Component
class OrderStatusHash {

    private static final RedisScript<Long> MARK_PAID = RedisScript.of(SaleScripts.MARK_PAID, Long.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> HOLDER = RedisScript.of(SaleScripts.ORDER_HOLDER, List.class);

    private final StringRedisTemplate redis;

    OrderStatusHash(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** After the payment committed: shoppers polling the order see it PAID. */
    void markPaid(OrderId orderId) {
        redis.execute(MARK_PAID, SaleScripts.order(orderId).keys());
    }

    /** Whose the order is and where it stands, as the purchase wrote it; empty once the hash is gone. */
    Optional<Holder> holder(OrderId orderId) {
        List<?> found = redis.execute(HOLDER, SaleScripts.order(orderId).keys());
        return found == null || found.isEmpty()
                ? Optional.empty()
                : Optional.of(new Holder(OrderStatus.valueOf((String) found.get(0)), (String) found.get(1)));
    }

    record Holder(OrderStatus status, String userId) {
    }
}
