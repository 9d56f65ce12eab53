package dev.seckill.seckill.purchase;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The current request's W3C {@code traceparent}, so the order carries its trace through the outbox
 * to Kafka: the relay sends from a thread of its own, long after the request has ended.
 */
@Component
class TraceParent {

    private final Tracer tracer;
    private final Propagator propagator;

    TraceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** The header value, or an empty string when tracing is off or there is no current span. */
    String current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return "";
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(context, headers, Map::put);
        return headers.getOrDefault("traceparent", "");
    }
}
