package dev.seckill.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Takes one token from a named bucket: the shared one in Redis, or, while Redis cannot answer, a
 * local one with the same limit. Failing open would let a bot wave through whenever Redis blinks;
 * failing closed would turn every shopper away. Local buckets keep each replica within the limits on
 * its own, so the cluster-wide budget is at most the limit times the number of replicas meanwhile.
 *
 * <p>A few buckets are hot in a rush (the global one, and a NAT address's): hundreds of concurrent
 * compare-and-swap attempts on one key would mostly lose and retry, and even batched, every request
 * would wait for a Redis round trip on the same key. A bucket of 100 tokens or more is therefore
 * drawn from locally by Bucket4j and synchronised with Redis after 1 % of its capacity or
 * {@value #MAX_UNSYNCHRONIZED_MILLIS} ms, whichever comes first: each replica may overshoot it by
 * that 1 %, and such a draw costs no round trip. Smaller buckets (a shopper's own) are exact, drawn
 * in Redis by {@link SmallBuckets} in one round trip.
 */
@Component
class Buckets {

    private static final Logger log = LoggerFactory.getLogger(Buckets.class);
    private static final long MAX_UNSYNCHRONIZED_MILLIS = 20;
    private static final Duration IDLE_EXPIRY = Duration.ofMinutes(1);

    private final AsyncProxyManager<String> redis;
    private final SmallBuckets small;
    private final Cache<String, AsyncBucketProxy> remote;
    private final Cache<String, Bucket> local;
    private final Counter fallbacks;
    private final AtomicBoolean degraded = new AtomicBoolean();

    Buckets(AsyncProxyManager<String> redis, SmallBuckets small, RateLimitProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.small = small;
        // Handles of the few hot buckets, and, while Redis cannot answer, local buckets for tens of thousands
        // of shoppers; a minute without use is far longer than any limit's refill, and keeps them from crowding the heap.
        // Caffeine's upkeep runs on the calling thread rather than the common pool: a few map operations.
        this.remote = Caffeine.newBuilder()
                .maximumSize(properties.localBuckets())
                .expireAfterAccess(IDLE_EXPIRY)
                .executor(Runnable::run)
                .build();
        this.local = Caffeine.newBuilder()
                .maximumSize(properties.localBuckets())
                .expireAfterAccess(IDLE_EXPIRY)
                .executor(Runnable::run)
                .build();
        this.fallbacks = Counter.builder("gateway.ratelimit.local.fallbacks")
                .description("Rate-limit decisions taken on a local bucket because Redis did not answer")
                .register(meters);
    }

    Mono<ConsumptionProbe> tryTake(String key, Limit limit) {
        // Each replica may overshoot a hot bucket by this many tokens; a bucket where that is less than one is small.
        long slack = limit.capacity() / 100;
        CompletableFuture<ConsumptionProbe> shared;
        try {
            shared = slack > 0 ? remote.get(key, k -> redis.builder()
                    .withOptimization(Optimizations.delaying(new DelayParameters(slack,
                            Duration.ofMillis(MAX_UNSYNCHRONIZED_MILLIS))))
                    .build(k, () -> CompletableFuture.completedFuture(limit.configuration())))
                    .tryConsumeAndReturnRemaining(1)
                    : small.tryTake(key, limit);
        } catch (RuntimeException e) {
            return Mono.just(takeLocally(key, limit, e));
        }
        // A hot bucket's draw is local: already done, so no subscription to a future is needed.
        if (shared.isDone() && !shared.isCompletedExceptionally()) {
            return Mono.just(answered(shared.join()));
        }
        return Mono.fromFuture(shared, true)
                .map(this::answered)
                // Redis failing is an exception; an Error (BlockHound's, say) is a bug, not an outage.
                .onErrorResume(Exception.class, e -> Mono.just(takeLocally(key, limit, e)));
    }

    private ConsumptionProbe answered(ConsumptionProbe probe) {
        if (degraded.get() && degraded.compareAndSet(true, false)) {
            log.info("rate limits are shared through Redis again");
        }
        return probe;
    }

    private ConsumptionProbe takeLocally(String key, Limit limit, Throwable cause) {
        if (degraded.compareAndSet(false, true)) {
            log.warn("Redis did not answer for rate limits; using local buckets until it does: {}", cause.toString());
        }
        fallbacks.increment();
        return local.get(key + "@" + limit, k -> Bucket.builder().addLimit(limit.bandwidth()).build())
                .tryConsumeAndReturnRemaining(1);
    }
}
