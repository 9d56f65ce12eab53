package dev.seckill.gateway.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Buckets in Redis, so every gateway replica draws from one budget; asynchronous, so a request
 * waiting for Redis holds no thread.
 */
@Configuration(proxyBeanMethods = false)
class RedisBucketsConfig {

    /** Buckets untouched for this long past a full refill are dropped by Redis. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, byte[]> rateLimitRedisConnection(RedisClient client) {
        // Needs Redis at start-up; after that Lettuce reconnects on its own and outages degrade to local buckets.
        return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @Bean
    AsyncProxyManager<String> redisBuckets(StatefulRedisConnection<String, byte[]> connection) {
        return Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .build()
                .asAsync();
    }
}
