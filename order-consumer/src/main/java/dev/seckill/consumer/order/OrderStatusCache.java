package dev.seckill.consumer.order;

import java.time.Duration;
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
import dev.seckill.contract.SaleScripts;

/**
 * The order status shoppers poll, kept in Redis in the sale's keys, which seckill-service owns: this
 * class changes them only through the scripts it publishes ({@link SaleScripts}). Written only after
 * the row is committed, so CREATED always means "in MySQL"; an order that already moved on (PAID,
 * CANCELLED) is left as it is, since the relay may deliver an order again long after.
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

    private static final RedisScript<Long> MARK_CREATED = RedisScript.of(SaleScripts.MARK_CREATED, Long.class);

    private static final RedisScript<List> STATUSES = RedisScript.of(SaleScripts.ORDER_STATUSES, List.class);

    private final StringRedisTemplate redis;
    private final Duration statusTtl;

    public OrderStatusCache(StringRedisTemplate redis, ConsumerProperties properties) {
        this.redis = redis;
        this.statusTtl = properties.statusTtl();
    }

    /**
     * Marks the orders CREATED. Any failure throws, so the batch is retried (the inserts are
     * idempotent) and no committed order is left PENDING.
     */
    public void markCreated(List<OrderRow> rows) {
        for (List<OrderRow> sale : callsBySale(rows)) {
            SaleScripts.Call call = SaleScripts.markCreated(sale.stream()
                    .map(row -> new SaleScripts.CreatedOrder(row.orderId(), row.userId(), row.quantity())).toList(), statusTtl);
            redis.execute(MARK_CREATED, call.keys(), call.args().toArray());
        }
    }

    /**
     * The orders among {@code rows} whose status is FAILED: they were dead-lettered and their units
     * went back to the sale (see {@link FailedOrders}).
     */
    public Set<OrderId> failed(List<OrderRow> rows) {
        Set<OrderId> failed = new HashSet<>();
        for (List<OrderRow> call : callsBySale(rows)) {
            List<?> statuses = redis.execute(STATUSES,
                    SaleScripts.orderStatuses(call.stream().map(OrderRow::orderId).toList()).keys());
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
}
