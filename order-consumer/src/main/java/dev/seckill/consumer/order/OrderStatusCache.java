package dev.seckill.consumer.order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import dev.seckill.contract.SaleKeys;

/**
 * The order status shoppers poll, kept in Redis (see {@link SaleKeys#order}). Written only after
 * the row is committed, so CREATED always means "in MySQL".
 *
 * <p>A batch's statuses are read and written by one script call per sale (per {@value #KEYS_PER_CALL}
 * orders), over the template's shared connection: all keys of a sale share its hash tag, so the call
 * is valid on Redis Cluster, and a flash sale's batch is one or two calls. A pipeline through the
 * template would have opened a dedicated connection, with its handshake, for every batch.
 */
@Component
public class OrderStatusCache {

    /** Bounds how long one call keeps Redis busy (about a millisecond), so purchases wait no longer. */
    static final int KEYS_PER_CALL = 500;

    /*
     * Moves each hash to CREATED only if it is absent or PENDING: the relay may deliver an order again
     * long after payment, and a replay must not turn PAID or CANCELLED back into CREATED.
     * KEYS: order hashes. ARGV: ttl millis, then userId and quantity for each key in turn.
     */
    private static final RedisScript<Long> MARK_CREATED = RedisScript.of("""
            local marked = 0
            for i, key in ipairs(KEYS) do
              local status = redis.call('HGET', key, 'status')
              if not status or status == 'PENDING' then
                redis.call('HSET', key, 'status', 'CREATED', 'userId', ARGV[2 * i], 'quantity', ARGV[2 * i + 1])
                redis.call('PEXPIRE', key, ARGV[1])
                marked = marked + 1
              end
            end
            return marked
            """, Long.class);

    /** KEYS: order hashes. Returns each one's status, '' for none, in the order of the keys. */
    private static final RedisScript<List> STATUSES = RedisScript.of("""
            local statuses = {}
            for i, key in ipairs(KEYS) do
              statuses[i] = redis.call('HGET', key, 'status') or ''
            end
            return statuses
            """, List.class);

    private final StringRedisTemplate redis;
    private final String ttlMillis;

    public OrderStatusCache(StringRedisTemplate redis, ConsumerProperties properties) {
        this.redis = redis;
        this.ttlMillis = Long.toString(properties.statusTtl().toMillis());
    }

    /**
     * Marks the orders CREATED. Any failure throws, so the batch is retried (the inserts are
     * idempotent) and no committed order is left PENDING.
     */
    public void markCreated(List<OrderRow> rows) {
        for (List<OrderRow> call : callsBySale(rows)) {
            List<String> keys = new ArrayList<>(call.size());
            List<String> args = new ArrayList<>(2 * call.size() + 1);
            args.add(ttlMillis);
            for (OrderRow row : call) {
                keys.add(statusKey(row.orderId()));
                args.add(row.userId());
                args.add(Integer.toString(row.quantity()));
            }
            redis.execute(MARK_CREATED, keys, args.toArray());
        }
    }

    /**
     * The orders among {@code rows} whose status is FAILED: they were dead-lettered and their units
     * went back to the sale (see {@link FailedOrders}).
     */
    public Set<OrderId> failed(List<OrderRow> rows) {
        Set<OrderId> failed = new HashSet<>();
        for (List<OrderRow> call : callsBySale(rows)) {
            List<?> statuses = redis.execute(STATUSES, call.stream().map(row -> statusKey(row.orderId())).toList());
            for (int i = 0; i < call.size(); i++) {
                if (OrderStatus.FAILED.name().equals(statuses.get(i))) {
                    failed.add(call.get(i).orderId());
                }
            }
        }
        return failed;
    }

    /** The rows grouped by sale, in at most {@link #KEYS_PER_CALL} a group. */
    private static List<List<OrderRow>> callsBySale(List<OrderRow> rows) {
        Map<Long, List<OrderRow>> bySale = new LinkedHashMap<>();
        for (OrderRow row : rows) {
            bySale.computeIfAbsent(row.orderId().saleId(), sale -> new ArrayList<>()).add(row);
        }
        List<List<OrderRow>> calls = new ArrayList<>();
        for (List<OrderRow> sale : bySale.values()) {
            for (int from = 0; from < sale.size(); from += KEYS_PER_CALL) {
                calls.add(sale.subList(from, Math.min(sale.size(), from + KEYS_PER_CALL)));
            }
        }
        return calls;
    }

    private static String statusKey(OrderId orderId) {
        return new SaleKeys(orderId.saleId()).order(orderId);
    }
}
