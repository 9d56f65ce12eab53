package dev.seckill.gateway.route;

import dev.seckill.gateway.ServerSpan;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The shopper's trace continues into the service behind the gateway ({@code traceparent}). A sampled request gets a
 * client span of its own around the call; an unsampled one, nine in ten, only passes on its server
 * span's context (same trace id, the gateway's span id, the shopper's flags): a span that is never
 * recorded would cost its bookkeeping on every call for nothing.
 */
@Component
class HopTrace {

    private final Tracer tracer;
    private final Propagator propagator;

    HopTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
    }

    /** @param service the service called, the client span's name */
    Mono<Void> around(ServerWebExchange exchange, HttpHeaders downstream, String service, Supplier<Mono<Void>> call) {
        Span server = tracer == null || propagator == null ? null : ServerSpan.of(exchange);
        if (server == null) {
            return call.get();
        }
        if (!Boolean.TRUE.equals(server.context().sampled())) {
            propagator.inject(server.context(), downstream, HttpHeaders::set);
            return call.get();
        }
        Span client = tracer.spanBuilder().setParent(server.context()).name(service)
                .kind(Span.Kind.CLIENT).start();
        propagator.inject(client.context(), downstream, HttpHeaders::set);
        return call.get().doOnError(client::error).doFinally(signal -> client.end());
    }
}
