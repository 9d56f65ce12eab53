package dev.seckill.gateway.ratelimit;

import dev.seckill.gateway.problem.GatewayProblem;
import dev.seckill.gateway.problem.Refusal;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * One kind of limit: its name (in metrics, keys and the refusal) and the limit. A request draws one
 * token from the bucket of whoever it is counted against; at an empty bucket it is turned away with
 * 429, a {@code Retry-After}, the limit in {@code RateLimit-*} headers, and one count in
 * {@code gateway.ratelimit.rejections}.
 */
final class Layer {

    private final String name;
    private final Limit limit;
    private final String keyPrefix;
    private final Buckets buckets;
    /** Registered once: under a flood every refusal counts. */
    private final Counter rejections;

    Layer(String name, Limit limit, RateLimitProperties properties, Buckets buckets, MeterRegistry meters) {
        this.name = name;
        this.limit = limit;
        this.keyPrefix = properties.keyPrefix() + name + ":";
        this.buckets = buckets;
        this.rejections = Counter.builder("gateway.ratelimit.rejections")
                .description("Requests turned away with 429, by the limit that was used up")
                .tag("limit", name)
                .register(meters);
    }

    /** Completes empty when {@code who} had a token left, with a {@link Refusal} otherwise. */
    Mono<Void> draw(String who) {
        return buckets.tryTake(keyPrefix + who, limit)
                .flatMap(probe -> probe.isConsumed() ? Mono.empty() : Mono.error(refusal(probe)));
    }

    private Refusal refusal(ConsumptionProbe probe) {
        rejections.increment();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        return new Refusal(GatewayProblem.RATE_LIMITED,
                "the " + name + " limit of " + limit.capacity() + " per " + limit.period().toSeconds()
                        + " s is used up; retry in " + seconds + " s")
                .property("limit", name)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .header("RateLimit-Limit", Long.toString(limit.capacity()))
                .header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", Long.toString(seconds))
                .header("RateLimit-Policy", limit.policy());
    }
}
