package dev.seckill.gateway;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The span of the request's own observation ({@code http.server.requests}), sampled or not. On the
 * event loop there is no thread-local current span (automatic context propagation would restore one
 * around every operator, at a cost on every request), so it is taken from the exchange.
 */
public final class ServerSpan {

    private ServerSpan() {
    }

    /** @return the span, or {@code null} when tracing is off */
    public static Span of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> (TracingContext) context.get(TracingContext.class))
                .map(TracingContext::getSpan)
                .orElse(null);
    }

    /** For log lines about one request: its trace id, or an empty text. */
    public static String traceId(ServerWebExchange exchange) {
        Span span = of(exchange);
        return span == null ? "" : span.context().traceId();
    }
}
