package dev.seckill.gateway.soldout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl how long a sale stays flagged after its sold-out state was last confirmed, by
 *     seckill-service's answer or a stock event. Events can be lost (pub/sub delivers at most once),
 *     so a flag must not live on its own: past this the next purchase goes downstream and its answer
 *     confirms the flag again. It bounds how long a sale whose stock came back, with the event about
 *     it lost, is still refused
 * @param maxSales how many sales a replica keeps flags for at most
 */
@ConfigurationProperties("seckill.gateway.sold-out")
public record SoldOutProperties(
        @DefaultValue("2s") Duration ttl,
        @DefaultValue("10000") long maxSales) {
}
