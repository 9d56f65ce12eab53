package dev.seckill.gateway.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Redis the rate-limit buckets live in and the sold-out events come from, under the same
 * settings (and so the same environment variables, {@code SPRING_DATA_REDIS_HOST} ...) the other
 * services use for theirs. The gateway talks to it through Lettuce directly (Bucket4j's proxy
 * manager, a pub/sub subscription), not Spring Data, so it reads just these.
 */
@ConfigurationProperties("spring.data.redis")
public record RedisAddress(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("16379") int port,
        String username,
        String password) {
}
