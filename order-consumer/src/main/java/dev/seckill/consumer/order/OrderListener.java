package dev.seckill.consumer.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;

/**
 * The worker pool: each listener thread takes a batch of order events, writes it with one batch
 * insert, then marks the orders CREATED. The container commits the offsets when this method
 * returns (ack mode BATCH), i.e. after the database commit.
 *
 * <p>A poison record (see {@link PoisonRecordException}) stops the batch at its index: the records
 * before it are written, and a {@link BatchListenerFailedException} tells the error handler to
 * commit up to there, dead-letter the poison record and redeliver the rest. Any other exception
 * fails the whole batch, which the error handler retries; nothing is skipped. Database calls go
 * through {@link DatabaseGuard}, so a slow or dead database ends as a timeout or an open breaker.
 *
 * <p>Each order is written in a span of the purchase's trace ({@link OrderTraces}), which covers the
 * batch it came with: its write is that batch's insert.
 */
@Component
public class OrderListener {

    private static final Logger log = LoggerFactory.getLogger(OrderListener.class);

    private final OrderTable orders;
    private final DatabaseGuard database;
    private final OrderStatusCache statuses;
    private final ConsumerProperties properties;
    private final DistributionSummary batchSize;
    private final Timer batchWrite;
    private final OrderTraces traces;

    public OrderListener(OrderTable orders, DatabaseGuard database, OrderStatusCache statuses, ConsumerProperties properties,
            MeterRegistry meters, OrderTraces traces) {
        this.traces = traces;
        this.orders = orders;
        this.database = database;
        this.statuses = statuses;
        this.properties = properties;
        this.batchSize = DistributionSummary.builder("seckill.consumer.batch.size")
                .description("Orders per batch insert")
                .register(meters);
        this.batchWrite = Timer.builder("seckill.consumer.batch.write")
                .description("One batch insert, from the first statement to the commit")
                .publishPercentileHistogram()
                .register(meters);
    }

    @KafkaListener(id = BreakerBackPressure.LISTENER_ID, idIsGroup = false, batch = "true",
            topics = "#{__listener.topic()}", concurrency = "#{__listener.concurrency()}")
    public void onBatch(List<ConsumerRecord<String, OrderPlaced>> records) {
        List<Span> spans = traces.startWrites(records);
        try {
            write(records, spans);
        } catch (BatchListenerFailedException deadLetter) {
            OrderTraces.end(spans, deadLetter.getIndex(), deadLetter);
            throw deadLetter;
        } catch (RuntimeException retried) {
            OrderTraces.end(spans, 0, retried);
            throw retried;
        }
        OrderTraces.end(spans, records.size(), null);
    }

    private void write(List<ConsumerRecord<String, OrderPlaced>> records, List<Span> spans) {
        List<OrderRow> rows = new ArrayList<>(records.size());
        for (ConsumerRecord<String, OrderPlaced> record : records) {
            try {
                rows.add(OrderRow.from(record));
            } catch (PoisonRecordException poison) {
                persist(rows, records, spans);
                throw deadLetter(records, spans, rows.size(), poison);
            }
        }
        persist(rows, records, spans);
    }

    /**
     * Writes {@code rows}, which are the first {@code rows.size()} of {@code records}, and marks them CREATED;
     * orders already FAILED are left out (see {@link #withoutFailed}).
     */
    private void persist(List<OrderRow> rows, List<ConsumerRecord<String, OrderPlaced>> records, List<Span> spans) {
        if (rows.isEmpty()) {
            return;
        }
        List<OrderRow> writable = withoutFailed(rows);
        if (writable.isEmpty()) {
            return;
        }
        batchSize.record(writable.size());
        try {
            batchWrite.record(() -> database.run(() -> orders.insert(writable)));
        } catch (DataIntegrityViolationException batchRefused) {
            Optional<OrderTable.Refusal> refusal = database.call(() -> orders.insertUntilRefused(writable));
            if (refusal.isPresent()) {
                int index = refusal.get().index();
                statuses.markCreated(writable.subList(0, index));
                logCreated(writable.subList(0, index), rows, spans);
                int recordIndex = rows.indexOf(writable.get(index));
                DataIntegrityViolationException reason = refusal.get().reason();
                throw deadLetter(records, spans, recordIndex, new PoisonRecordException(
                        "refused by the database: " + reason.getMostSpecificCause().getMessage(), reason));
            }
            // Every row went in one by one, so the batch failure is gone and nothing is dead-lettered.
        }
        statuses.markCreated(writable);
        logCreated(writable, rows, spans);
    }

    /**
     * A FAILED order was dead-lettered and its units went back to the sale, where they may have been
     * sold again; its event coming back (a dead letter replayed once its cause was fixed, or copied
     * back by mistake) must not make it a row holding those units a second time. Only while its status
     * lives in Redis ({@code seckill.consumer.status-ttl}); see docs/operations.md.
     */
    private List<OrderRow> withoutFailed(List<OrderRow> rows) {
        Set<OrderId> failed = statuses.failed(rows);
        if (failed.isEmpty()) {
            return rows;
        }
        for (OrderId orderId : failed) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("orderId", orderId.toString())) {
                log.warn("Skipping order {}: it FAILED before and its units went back to sale {}", orderId, orderId.saleId());
            }
        }
        return rows.stream().filter(row -> !failed.contains(row.orderId())).toList();
    }

    /** At DEBUG, a line per order in its own trace, so one order can be followed from the purchase on. */
    private void logCreated(List<OrderRow> written, List<OrderRow> rows, List<Span> spans) {
        if (!log.isDebugEnabled()) {
            return;
        }
        for (OrderRow row : written) {
            // spans line up with rows; written may leave FAILED orders out
            try (OrderTraces.InScope ignored = traces.inScope(spans.get(rows.indexOf(row)), row.orderId().toString())) {
                log.debug("Order CREATED in a batch of {}", written.size());
            }
        }
    }

    private BatchListenerFailedException deadLetter(List<ConsumerRecord<String, OrderPlaced>> records, List<Span> spans,
            int index, PoisonRecordException poison) {
        ConsumerRecord<String, OrderPlaced> record = records.get(index);
        try (OrderTraces.InScope ignored = traces.inScope(spans.get(index), record.key())) {
            log.warn("Dead-lettering order {} ({}-{}@{}): {}", record.key(), record.topic(), record.partition(),
                    record.offset(), poison.getMessage());
        }
        return new BatchListenerFailedException(poison.getMessage(), poison, index);
    }

    /** For the listener annotation: {@code #{__listener.topic()}}. */
    public String topic() {
        return properties.topic();
    }

    /** For the listener annotation: {@code #{__listener.concurrency()}}. */
    public int concurrency() {
        return properties.concurrency();
    }
}
