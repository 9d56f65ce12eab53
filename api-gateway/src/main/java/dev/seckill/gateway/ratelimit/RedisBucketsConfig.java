package dev.seckill.gateway.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Buckets in Redis, so every gateway replica draws from one budget. Lettuce's defaults would make a
 * call wait 60 s for a Redis that is gone; here a command fails at once while disconnected and
 * within {@code redis-timeout} otherwise, and the caller falls back to a local bucket.
 */
@Configuration(proxyBeanMethods = false)
class RedisBucketsConfig {

    /** Buckets untouched for this long past a full refill are dropped by Redis. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
    /** Connecting (and the handshake) happens once, at start-up or after an outage; it may take longer than a command. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @Bean(destroyMethod = "shutdown")
    RedisClient rateLimitRedisClient(RedisAddress address, RateLimitProperties properties) {
        RedisURI.Builder uri = RedisURI.builder().withHost(address.host()).withPort(address.port())
                .withTimeout(CONNECT_TIMEOUT);
        if (address.password() != null && !address.password().isEmpty()) {
            uri = address.username() == null
                    ? uri.withPassword(address.password().toCharArray())
                    : uri.withAuthentication(address.username(), address.password().toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.redisTimeout()))
                .build());
        return client;
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, byte[]> rateLimitRedisConnection(RedisClient client) {
        // Needs Redis at start-up; after that Lettuce reconnects on its own and outages degrade to local buckets.
        return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @Bean
    ProxyManager<String> redisBuckets(StatefulRedisConnection<String, byte[]> connection, RateLimitProperties properties) {
        return Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .requestTimeout(properties.redisTimeout())
                .build();
    }
}
