package dev.seckill.seckill.purchase;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The current request's W3C {@code traceparent}, so the order carries its trace through the outbox
 * to Kafka: the relay sends from a thread of its own, long after the request has ended. Written from
 * the trace context directly ({@code 00-<trace id>-<span id>-<flags>}): going through the propagator
 * meant a map and the baggage machinery on every purchase, for one header.
 */
@Component
class TraceParent {

    private final Tracer tracer;

    TraceParent(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    }

    /** The header value, or an empty string when tracing is off or there is no current span. */
    String current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return "";
        }
        return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }
}
