package dev.seckill.gateway.routing;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param seckillServiceUrl where seckill-service listens
 * @param connectTimeout how long to wait for a connection to it
 * @param readTimeout how long to wait for its answer; a purchase decision takes milliseconds
 */
@ConfigurationProperties("seckill.gateway")
public record RoutingProperties(
        @DefaultValue("http://127.0.0.1:8081") URI seckillServiceUrl,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("3s") Duration readTimeout) {
}
