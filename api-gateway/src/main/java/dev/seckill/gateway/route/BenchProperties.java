package dev.seckill.gateway.route;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param noopEnabled for bin/seckill bench only: a purchase-shaped route, {@code POST /api/bench/noop},
 *     that takes the purchase's way (token, per-client limit, body validation, the hop with its breaker
 *     and internal token) to an endpoint of seckill-service that decides nothing. Its throughput is the
 *     limit of the HTTP path, against which the real purchase is measured. It skips the sold-out flag
 *     and the per-shopper and global buckets, which are part of the purchase's cost
 */
@ConfigurationProperties("seckill.bench")
public record BenchProperties(@DefaultValue("false") boolean noopEnabled) {
}
