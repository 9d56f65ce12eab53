package dev.seckill.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every call to {@code /api/**} from one client address, signed in or not. Placed inside Spring
 * Security's chain just before the token is checked ({@code identity.IdentityConfig}); not a
 * {@code WebFilter} bean itself, which WebFlux would also run on its own for every request.
 */
@Component
public class ClientLimit {

    private final Layer layer;
    private final ClientAddress addresses;

    ClientLimit(RateLimitProperties properties, Buckets buckets, MeterRegistry meters, ClientAddress addresses) {
        this.layer = new Layer("client", properties.perClient(), properties, buckets, meters);
        this.addresses = addresses;
    }

    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return layer.draw(addresses.of(exchange.getRequest())).then(chain.filter(exchange));
    }
}
