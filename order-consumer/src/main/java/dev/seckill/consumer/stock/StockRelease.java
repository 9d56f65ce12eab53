package dev.seckill.consumer.stock;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import dev.seckill.contract.SaleScripts;

/**
 * Gives an order's units back to its sale with the script seckill-service, which owns the sale's
 * keys, publishes for it ({@link SaleScripts#RELEASE_STOCK}): the stock counter and the buyer's count
 * towards the per-user limit, in one atomic step together with the order's status change, and only
 * once. A dead-lettered order (FAILED) and an unpaid one (CANCELLED) both end here.
 */
public class StockRelease {

    private static final RedisScript<String> RELEASE = RedisScript.of(SaleScripts.RELEASE_STOCK, String.class);

    private final StringRedisTemplate redis;
    private final Duration statusTtl;

    /** @param statusTtl how long the final status stays readable, as long as the order's other statuses */
    public StockRelease(StringRedisTemplate redis, Duration statusTtl) {
        this.redis = redis;
        this.statusTtl = statusTtl;
    }

    /**
     * Moves the order to {@code to} and returns its units, if its status is one of {@code from}.
     *
     * @return the status found; the units went back if and only if it is one of {@code from}
     */
    public Outcome release(OrderId orderId, OrderStatus to, OrderStatus... from) {
        SaleScripts.Call call = SaleScripts.releaseStock(orderId, statusTtl, to, from);
        String found = redis.execute(RELEASE, call.keys(), call.args().toArray());
        return new Outcome(found, List.of(from).stream().anyMatch(status -> status.name().equals(found)));
    }

    /** @param found the status the order had ({@code ABSENT} without one); @param released whether units went back now */
    public record Outcome(String found, boolean released) {
    }
}
