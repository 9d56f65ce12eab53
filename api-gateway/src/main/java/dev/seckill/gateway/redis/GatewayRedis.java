package dev.seckill.gateway.redis;

import dev.seckill.gateway.ratelimit.RateLimitProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * One Lettuce client for the gateway's two uses of Redis: the shared rate-limit buckets and the
 * sold-out events. Lettuce's defaults would make a command wait 60 s for a Redis that is gone; here
 * a command fails at once while disconnected and within {@code redis-timeout} otherwise, so a
 * request falls back to a local bucket instead of waiting.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRedis {

    /** Connecting (and the handshake) happens once, at start-up or after an outage; it may take longer than a command. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Taking the loops from the resource factory also orders shutdown: Lettuce closes before the loops do. */
    @Bean(destroyMethod = "shutdown")
    ClientResources gatewayRedisResources(ReactorResourceFactory reactor) {
        return ClientResources.builder()
                .eventLoopGroupProvider(new SharedEventLoops(reactor.getLoopResources().onServer(true)))
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient gatewayRedisClient(ClientResources resources, RedisAddress address, RateLimitProperties properties) {
        RedisURI.Builder uri = RedisURI.builder().withHost(address.host()).withPort(address.port())
                .withTimeout(CONNECT_TIMEOUT);
        if (address.password() != null && !address.password().isEmpty()) {
            uri = address.username() == null
                    ? uri.withPassword(address.password().toCharArray())
                    : uri.withAuthentication(address.username(), address.password().toCharArray());
        }
        RedisClient client = RedisClient.create(resources, uri.build());
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.redisTimeout()))
                .build());
        return client;
    }
}
