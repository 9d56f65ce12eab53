package dev.seckill.gateway.ratelimit;

import dev.seckill.gateway.Steps;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Principal;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Purchases per verified shopper: a person taps a few times, a bot hundreds. Before the global
 * limit, so one shopper's excess never uses up everyone's budget.
 */
@Component
public class ShopperLimit implements GatewayFilter, Ordered {

    private final Layer layer;

    ShopperLimit(RateLimitProperties properties, Buckets buckets, MeterRegistry meters) {
        this.layer = new Layer("user", properties.perUser(), properties, buckets, meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal().map(Principal::getName).flatMap(layer::draw).then(chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return Steps.SHOPPER_LIMIT;
    }
}
