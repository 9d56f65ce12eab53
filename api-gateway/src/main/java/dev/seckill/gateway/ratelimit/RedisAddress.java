package dev.seckill.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Redis the buckets live in, under the same settings (and so the same environment variables,
 * {@code SPRING_DATA_REDIS_HOST} ...) the other services use for theirs. The gateway talks to it
 * through Bucket4j's own Lettuce connection, not Spring Data, so it reads just these.
 */
@ConfigurationProperties("spring.data.redis")
public record RedisAddress(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("16379") int port,
        String username,
        String password) {
}
