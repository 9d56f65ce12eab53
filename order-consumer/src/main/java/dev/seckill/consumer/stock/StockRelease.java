package dev.seckill.consumer.stock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import dev.seckill.contract.SaleKeys;
import dev.seckill.contract.StockEvent;

/**
 * Gives an order's units back to its sale: the stock counter and the buyer's count towards the
 * per-user limit, in one atomic step together with the order's status change, and only once.
 * A dead-lettered order (FAILED) and an unpaid one (CANCELLED) both end here.
 */
public class StockRelease {

    /*
     * The units go back only when the status hash moves from one of the given statuses to the final
     * one. purchase.lua writes the hash in the same step that takes the stock and counts the buyer,
     * and a final status is never left again, so the transition gives them back exactly once, however
     * often it is retried or raced by other replicas. Shopper and units come from the hash, i.e. from
     * what purchase.lua took, never from the caller. Without a hash (expired after its TTL, or Redis
     * lost it) nobody can tell whether stock was taken or already restored from the database, so
     * nothing is given back; reconciliation reports and repairs such a sale. All keys carry the sale's
     * hash tag, so this is valid on Redis Cluster. The stock left is published as a StockEvent in the
     * same step, so every replica that flagged the sale sold out sells the unit again at once.
     * KEYS: order hash, stock, buyers. ARGV: status TTL millis, stock events channel, sale id, final
     * status, statuses it may come from.
     * Returns the status found ('ABSENT' without a hash).
     */
    private static final RedisScript<String> RELEASE = RedisScript.of("""
            local order = redis.call('HMGET', KEYS[1], 'status', 'userId', 'quantity')
            local releasable = false
            for i = 5, #ARGV do
              if order[1] == ARGV[i] then
                releasable = true
              end
            end
            if not releasable then
              return order[1] or 'ABSENT'
            end
            redis.call('HSET', KEYS[1], 'status', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            local left = redis.call('INCRBY', KEYS[2], order[3])
            if redis.call('HINCRBY', KEYS[3], order[2], -tonumber(order[3])) <= 0 then
              redis.call('HDEL', KEYS[3], order[2])
            end
            redis.call('PUBLISH', ARGV[2], ARGV[3] .. ':' .. left)
            return order[1]
            """, String.class);

    private final StringRedisTemplate redis;
    private final String ttlMillis;

    /** @param statusTtl how long the final status stays readable, as long as the order's other statuses */
    public StockRelease(StringRedisTemplate redis, Duration statusTtl) {
        this.redis = redis;
        this.ttlMillis = Long.toString(statusTtl.toMillis());
    }

    /**
     * Moves the order to {@code to} and returns its units, if its status is one of {@code from}.
     *
     * @return the status found; the units went back if and only if it is one of {@code from}
     */
    public Outcome release(OrderId orderId, OrderStatus to, OrderStatus... from) {
        SaleKeys sale = new SaleKeys(orderId.saleId());
        List<String> args = new ArrayList<>(List.of(ttlMillis, StockEvent.CHANNEL, Long.toString(orderId.saleId()), to.name()));
        for (OrderStatus status : from) {
            args.add(status.name());
        }
        String found = redis.execute(RELEASE, List.of(sale.order(orderId), sale.stock(), sale.buyers()), args.toArray());
        return new Outcome(found, List.of(from).stream().anyMatch(status -> status.name().equals(found)));
    }

    /** @param found the status the order had ({@code ABSENT} without one); @param released whether units went back now */
    public record Outcome(String found, boolean released) {
    }
}
