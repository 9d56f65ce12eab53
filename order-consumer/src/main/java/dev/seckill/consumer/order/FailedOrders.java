package dev.seckill.consumer.order;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.SaleKeys;

/**
 * What a dead letter means for the order it carries: the order will never be written, so its status
 * becomes FAILED and the units it took go back to the sale, in one atomic step and only once.
 */
@Component
public class FailedOrders {

    private static final Logger log = LoggerFactory.getLogger(FailedOrders.class);

    /*
     * Only a PENDING order fails. purchase.lua writes PENDING in the same step that takes the stock
     * and counts the buyer, so the one transition PENDING -> FAILED gives them back exactly once,
     * however often the dead letter is replayed; and a CREATED, PAID or CANCELLED order (the event
     * was a bad copy of an order that is in MySQL) is never touched. Shopper and units come from
     * the hash, i.e. from what purchase.lua took, never from the rejected event. Without a hash
     * (expired, or the event was never a purchase) nobody knows whether stock was taken, so nothing
     * is given back. All keys carry the sale's hash tag, so this is valid on Redis Cluster.
     * KEYS: order hash, stock, buyers. ARGV: status TTL millis. Returns the status found.
     */
    private static final RedisScript<String> FAIL = RedisScript.of("""
            local order = redis.call('HMGET', KEYS[1], 'status', 'userId', 'quantity')
            if order[1] ~= 'PENDING' then
              return order[1] or 'ABSENT'
            end
            redis.call('HSET', KEYS[1], 'status', 'FAILED')
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('INCRBY', KEYS[2], order[3])
            if redis.call('HINCRBY', KEYS[3], order[2], -tonumber(order[3])) <= 0 then
              redis.call('HDEL', KEYS[3], order[2])
            end
            return 'PENDING'
            """, String.class);

    private final StringRedisTemplate redis;
    private final String ttlMillis;

    public FailedOrders(StringRedisTemplate redis, ConsumerProperties properties) {
        this.redis = redis;
        this.ttlMillis = Long.toString(properties.statusTtl().toMillis());
    }

    /**
     * Marks the order FAILED and returns its units and its place in the per-user limit to the sale,
     * if it is still PENDING. Answers whether this call did it (false: done before, or not PENDING).
     */
    public boolean fail(OrderId orderId) {
        SaleKeys sale = new SaleKeys(orderId.saleId());
        String found = redis.execute(FAIL, List.of(sale.order(orderId), sale.stock(), sale.buyers()), ttlMillis);
        boolean failedNow = "PENDING".equals(found);
        try (MDC.MDCCloseable ignored = MDC.putCloseable("orderId", orderId.toString())) {
            if (failedNow) {
                log.warn("Order {} FAILED; its units went back to sale {}", orderId, orderId.saleId());
            } else {
                log.info("Order {} dead-lettered again or not pending ({}); nothing given back", orderId, found);
            }
        }
        return failedNow;
    }
}
