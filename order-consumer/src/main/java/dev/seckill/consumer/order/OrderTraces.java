package dev.seckill.consumer.order;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The consumer's part of each order's trace. seckill-service's relay puts the purchase request's W3C
 * {@code traceparent} on every record; spring-kafka's own observation covers record listeners only,
 * so the batch listener continues each record's trace here: a span per order, a child of the
 * purchase, and the order's log lines inside it. Why one span per order rather than one per batch:
 * docs/decisions.md.
 *
 * <p>Spans are started and ended, but made current only where something logs: a scope costs two
 * thread-local and three MDC writes, which a thousand orders a batch need not pay to log nothing.
 */
@Component
public class OrderTraces {

    /** Writing one order: from the batch's arrival to its status in Redis, or to its failure. */
    static final String WRITE = "order write";
    /** Giving up on one order: FAILED, its units back, its record on the dead-letter topic. */
    static final String DEAD_LETTER = "order dead-letter";
    static final String ORDER_ID_TAG = "seckill.order.id";
    static final String MDC_ORDER_ID = "orderId";

    private static final Propagator.Getter<Headers> HEADERS = (headers, name) -> {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    @Autowired
    public OrderTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    OrderTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * A started span named {@code name} in the trace the record's headers carry (a trace of its own
     * without them). Whether it is recorded follows the purchase's sampling decision, carried in the
     * header's flags; its ids, and so the trace id in the logs, exist either way.
     */
    Span start(String name, ConsumerRecord<?, ?> record) {
        Span span = propagator.extract(record.headers(), HEADERS)
                .name(name)
                .kind(Span.Kind.CONSUMER)
                .start();
        if (record.key() != null) {
            span.tag(ORDER_ID_TAG, record.key().toString());
        }
        return span;
    }

    /** One {@link #WRITE} span per record of a batch, in the batch's order. */
    List<Span> startWrites(List<? extends ConsumerRecord<?, ?>> records) {
        List<Span> spans = new ArrayList<>(records.size());
        for (ConsumerRecord<?, ?> record : records) {
            spans.add(start(WRITE, record));
        }
        return spans;
    }

    /**
     * Ends a batch's spans: the first {@code written} orders are in the database; the others were not
     * written by this attempt because of {@code failure} (they are retried or dead-lettered).
     */
    static void end(List<Span> spans, int written, Throwable failure) {
        for (int i = 0; i < spans.size(); i++) {
            if (i >= written) {
                spans.get(i).error(failure);
            }
            spans.get(i).end();
        }
    }

    /**
     * Makes {@code span} current and puts the order id in the MDC until closed, so log lines carry
     * {@code traceId}, {@code spanId} and {@code orderId}.
     */
    InScope inScope(Span span, String orderId) {
        return new InScope(tracer.withSpan(span), MDC.putCloseable(MDC_ORDER_ID, orderId));
    }

    /** An order's span made current, with its id in the MDC. */
    record InScope(Tracer.SpanInScope span, MDC.MDCCloseable orderId) implements AutoCloseable {

        @Override
        public void close() {
            orderId.close();
            span.close();
        }
    }
}
