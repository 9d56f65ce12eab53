package dev.seckill.consumer.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import dev.seckill.contract.OrderId;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import dev.seckill.contract.OrderPlaced;

/** The listener's bookkeeping around a poison record, without servers. */
class OrderListenerTest {

    private final OrderTable table = mock(OrderTable.class);
    private final OrderStatusCache statuses = mock(OrderStatusCache.class);
    private final DatabaseGuard database = new DatabaseGuard(CircuitBreakerRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults());
    private final OrderListener listener = new OrderListener(table, database, statuses, new ConsumerProperties(
            "t", "t.DLT", 1, (short) 1, 1, Duration.ofHours(1), Duration.ofSeconds(1), new ConsumerProperties.Retry(
            Duration.ofMillis(1), 2, Duration.ofMillis(10))), new SimpleMeterRegistry(),
            new OrderTraces(Tracer.NOOP, Propagator.NOOP));

    @Test
    void writesTheRecordsBeforeAnUnreadableOneAndPointsAtIt() {
        List<ConsumerRecord<String, OrderPlaced>> records = List.of(good(0), good(1), record(2, null), good(3));

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.onBatch(records));

        assertThat(failure.getIndex()).isEqualTo(2);
        assertThat(failure.getCause()).isInstanceOf(PoisonRecordException.class);
        List<OrderRow> written = records.subList(0, 2).stream().map(OrderRow::from).toList();
        verify(table).insert(written);
        verify(statuses).markCreated(written);
    }

    @Test
    void pointsAtTheRowTheDatabaseRefused() {
        List<ConsumerRecord<String, OrderPlaced>> records = IntStream.range(0, 3).mapToObj(this::good).toList();
        List<OrderRow> rows = records.stream().map(OrderRow::from).toList();
        doThrow(new DataIntegrityViolationException("batch")).when(table).insert(anyList());
        when(table.insertUntilRefused(rows)).thenReturn(Optional.of(
                new OrderTable.Refusal(1, new DataIntegrityViolationException("row 1"))));

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.onBatch(records));

        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(failure.getMessage()).contains("refused by the database: row 1");
        verify(statuses).markCreated(rows.subList(0, 1));
    }

    @Test
    void leavesFailedOrdersOutAndStillPointsAtTheRecordTheDatabaseRefused() {
        List<ConsumerRecord<String, OrderPlaced>> records = IntStream.range(0, 4).mapToObj(this::good).toList();
        List<OrderRow> rows = records.stream().map(OrderRow::from).toList();
        List<OrderRow> writable = List.of(rows.get(0), rows.get(2), rows.get(3));
        when(statuses.failed(rows)).thenReturn(Set.of(rows.get(1).orderId()));
        doThrow(new DataIntegrityViolationException("batch")).when(table).insert(writable);
        when(table.insertUntilRefused(writable)).thenReturn(Optional.of(
                new OrderTable.Refusal(1, new DataIntegrityViolationException("row 2"))));

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.onBatch(records));

        assertThat(failure.getIndex()).isEqualTo(2);
        verify(statuses).markCreated(List.of(rows.get(0)));
    }

    @Test
    void aTransientFailureFailsTheWholeBatchWithoutMarkingAnything() {
        List<ConsumerRecord<String, OrderPlaced>> records = List.of(good(0), good(1));
        doThrow(new org.springframework.dao.QueryTimeoutException("slow")).when(table).insert(anyList());

        Throwable failure = catchThrowableOfType(org.springframework.dao.QueryTimeoutException.class,
                () -> listener.onBatch(records));

        assertThat(failure).isNotNull();
        verify(statuses, never()).markCreated(anyList());
    }

    private ConsumerRecord<String, OrderPlaced> good(int offset) {
        OrderId id = OrderId.next(3, Clock.systemUTC());
        return record(offset, new OrderPlaced(id.toString(), 3, "u" + offset, 1, BigDecimal.TEN, Instant.now()));
    }

    private ConsumerRecord<String, OrderPlaced> record(int offset, OrderPlaced value) {
        return new ConsumerRecord<>("t", 0, offset, value == null ? "k" + offset : value.orderId(), value);
    }
}
