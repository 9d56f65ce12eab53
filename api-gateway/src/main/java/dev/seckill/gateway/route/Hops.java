package dev.seckill.gateway.route;

import dev.seckill.web.internal.InternalCallerProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One {@link Hop} per service behind the gateway, each behind its own breaker. */
@Component
class Hops {

    private final Map<Upstream, Hop> hops = new EnumMap<>(Upstream.class);

    Hops(CircuitBreakerRegistry breakers, InternalCallerProperties internal, HopTrace trace, RoutingProperties routing) {
        for (Upstream upstream : Upstream.values()) {
            hops.put(upstream, new Hop(upstream, upstream.url(routing), breakers.circuitBreaker(upstream.breaker()),
                    internal.token(), trace));
        }
    }

    Hop to(Upstream upstream) {
        return hops.get(upstream);
    }
}
