package dev.seckill.consumer.order;

import java.util.Optional;

import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;

/**
 * Gives up on a record that can never be written: if it carries an order, that order fails (see
 * {@link FailedOrders}), then the record goes to the dead-letter topic. An undeserialisable record,
 * or one without a readable order id, has no order to fail and is only dead-lettered.
 *
 * <p>Failing comes first: if the process dies or the publish fails between the two steps, the record
 * is redelivered, failing it again is a no-op, and the publish happens then. The other order could
 * leave a dead letter whose order is still PENDING, with its stock held, for good.
 *
 * <p>Both steps run in a span of the order's trace, so a dead letter shows in the purchase's trace and
 * its log lines carry that trace id.
 */
final class FailingDeadLetterRecoverer implements ConsumerAwareRecordRecoverer {

    private final FailedOrders failedOrders;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final OrderTraces traces;

    FailingDeadLetterRecoverer(FailedOrders failedOrders, DeadLetterPublishingRecoverer deadLetters, OrderTraces traces) {
        this.failedOrders = failedOrders;
        this.deadLetters = deadLetters;
        this.traces = traces;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        Span span = traces.start(OrderTraces.DEAD_LETTER, record);
        try (OrderTraces.InScope ignored = traces.inScope(span, String.valueOf(record.key()))) {
            orderOf(record).ifPresent(failedOrders::fail);
            deadLetters.accept(record, consumer, exception);
        } finally {
            span.error(exception);
            span.end();
        }
    }

    static Optional<OrderId> orderOf(ConsumerRecord<?, ?> record) {
        if (!(record.value() instanceof OrderPlaced event)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OrderId.parse(event.orderId()));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}
