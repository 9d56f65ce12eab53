package dev.seckill.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Buckets too small to draw from locally, a shopper's own above all, drawn in Redis with one script
 * call: one round trip per purchase. Bucket4j's Redis buckets are compare-and-swap, a read and then a
 * conditional write, two round trips for every draw; its local synchronisation, which makes the hot
 * buckets cheap, would let each replica overshoot a five-token bucket by whole tokens. The script
 * keeps Bucket4j's semantics (capacity, even refill over the period) on Redis' clock.
 */
@Component
class SmallBuckets {

    static final String SCRIPT = script();

    private final RedisAsyncCommands<String, byte[]> redis;
    private final String sha;

    SmallBuckets(StatefulRedisConnection<String, byte[]> rateLimitRedisConnection) {
        this.redis = rateLimitRedisConnection.async();
        this.sha = rateLimitRedisConnection.sync().digest(SCRIPT);
    }

    /** Fails as the Redis command does: disconnected, timed out, or an error reply. */
    CompletableFuture<ConsumptionProbe> tryTake(String key, Limit limit) {
        String[] keys = {key};
        byte[] capacity = ascii(limit.capacity());
        byte[] periodMicros = ascii(TimeUnit.NANOSECONDS.toMicros(limit.period().toNanos()));
        CompletionStage<List<Long>> answer = redis.<List<Long>>evalsha(sha, ScriptOutputType.MULTI, keys, capacity, periodMicros)
                .exceptionallyCompose(e -> e instanceof RedisNoScriptException || e.getCause() instanceof RedisNoScriptException
                        // Redis restarted or its scripts were flushed: sending the script caches it again.
                        ? redis.eval(SCRIPT, ScriptOutputType.MULTI, keys, capacity, periodMicros)
                        : CompletableFuture.failedStage(e));
        return answer.thenApply(SmallBuckets::probe).toCompletableFuture();
    }

    private static ConsumptionProbe probe(List<Long> answer) {
        long remaining = answer.get(1);
        long nanosToWait = TimeUnit.MICROSECONDS.toNanos(answer.get(2));
        return answer.get(0) == 1 ? ConsumptionProbe.consumed(remaining, nanosToWait)
                : ConsumptionProbe.rejected(remaining, nanosToWait, nanosToWait);
    }

    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    private static String script() {
        try (InputStream in = SmallBuckets.class.getResourceAsStream("/ratelimit/token-bucket.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the token bucket script is missing from the jar", e);
        }
    }
}
