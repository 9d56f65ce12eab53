package dev.seckill.seckill.purchase;

import dev.seckill.contract.OrderId;
import dev.seckill.seckill.redis.LuaScripts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Runs {@code purchase.lua}. Spring Data Redis sends it by SHA (EVALSHA) and only ships the body
 * when Redis answers NOSCRIPT, e.g. after a restart or a failover, so the script text crosses the
 * wire once per Redis node rather than once per purchase.
 */
@Component
class PurchaseScript {

    private static final RedisScript<List> SCRIPT =
            LuaScripts.load("purchase.lua", List.class);

    private final StringRedisTemplate redis;
    private final PurchaseProperties properties;
    private final Timer latency;

    PurchaseScript(StringRedisTemplate redis, PurchaseProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.latency = Timer.builder("seckill.purchase.script")
                .description("Round trip of the purchase script to Redis")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** @param traceparent the request's W3C trace context, carried with the order to Kafka; may be empty */
    PurchaseDecision decide(OrderId orderId, String userId, int quantity, String idempotencyKey, String traceparent) {
        PurchaseScriptCall call = PurchaseScriptCall.of(orderId, userId, quantity, idempotencyKey,
                properties.idempotencyTtl(), properties.orderStatusTtl(), traceparent);
        @SuppressWarnings("unchecked")
        List<String> result = latency.record(() -> redis.execute(SCRIPT, call.keys(), call.args().toArray()));
        return new PurchaseDecision(
                PurchaseOutcome.valueOf(result.get(0)),
                result.get(1),
                result.get(2).isEmpty() ? -1 : Long.parseLong(result.get(2)));
    }
}
