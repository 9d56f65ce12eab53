package dev.seckill.gateway.ratelimit;

import dev.seckill.gateway.Steps;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Purchases by everyone together: what seckill-service is sized for. */
@Component
public class GlobalLimit implements GatewayFilter, Ordered {

    private final Layer layer;

    GlobalLimit(RateLimitProperties properties, Buckets buckets, MeterRegistry meters) {
        this.layer = new Layer("global", properties.global(), properties, buckets, meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return layer.draw("all").then(chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return Steps.GLOBAL_LIMIT;
    }
}
