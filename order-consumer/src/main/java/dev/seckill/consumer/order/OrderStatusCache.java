package dev.seckill.consumer.order;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import dev.seckill.contract.SaleKeys;

/**
 * The order status shoppers poll, kept in Redis (see {@link SaleKeys#order}). Written only after
 * the row is committed, so CREATED always means "in MySQL".
 */
@Component
public class OrderStatusCache {

    /*
     * Moves the hash to CREATED only if it is absent or PENDING: the relay may deliver an order
     * again long after payment, and a replay must not turn PAID or CANCELLED back into CREATED.
     * A script makes the check and the write one step without WATCH/MULTI round trips.
     * KEYS[1] order hash; ARGV: userId, quantity, ttl millis.
     */
    private static final byte[] MARK_CREATED = """
            local status = redis.call('HGET', KEYS[1], 'status')
            if status and status ~= 'PENDING' then
              return 0
            end
            redis.call('HSET', KEYS[1], 'status', 'CREATED', 'userId', ARGV[1], 'quantity', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """.getBytes(StandardCharsets.UTF_8);

    private static final byte[] STATUS = bytes("status");

    private final StringRedisTemplate redis;
    private final byte[] ttlMillis;

    public OrderStatusCache(StringRedisTemplate redis, ConsumerProperties properties) {
        this.redis = redis;
        this.ttlMillis = bytes(Long.toString(properties.statusTtl().toMillis()));
    }

    /**
     * Marks the orders CREATED in one pipeline. EVAL rather than EVALSHA: the script is small and a
     * pipeline cannot fall back on NOSCRIPT after a Redis restart. Any failure throws, so the batch is
     * retried (the inserts are idempotent) and no committed order is left PENDING.
     */
    public void markCreated(List<OrderRow> rows) {
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (OrderRow row : rows) {
                mark(connection, row);
            }
            return null;
        });
    }

    /**
     * The orders among {@code rows} whose status is FAILED, read in one pipeline: they were
     * dead-lettered and their units went back to the sale (see {@link FailedOrders}).
     */
    public Set<OrderId> failed(List<OrderRow> rows) {
        List<Object> statuses = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (OrderRow row : rows) {
                connection.hashCommands().hGet(bytes(statusKey(row.orderId())), STATUS);
            }
            return null;
        });
        Set<OrderId> failed = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (OrderStatus.FAILED.name().equals(statuses.get(i))) {
                failed.add(rows.get(i).orderId());
            }
        }
        return failed;
    }

    private void mark(RedisConnection connection, OrderRow row) {
        byte[] key = bytes(statusKey(row.orderId()));
        connection.scriptingCommands().eval(MARK_CREATED, ReturnType.INTEGER, 1,
                key, bytes(row.userId()), bytes(Integer.toString(row.quantity())), ttlMillis);
    }

    private static String statusKey(OrderId orderId) {
        return new SaleKeys(orderId.saleId()).order(orderId);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
