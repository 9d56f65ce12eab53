package dev.seckill.seckill.outbox;

import dev.seckill.contract.OrderPlaced;
import dev.seckill.contract.SaleKeys;
import dev.seckill.seckill.redis.LuaScripts;
import dev.seckill.seckill.sale.RedisSales;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Hands accepted orders from the Redis outbox streams to Kafka.
 *
 * <p>Entries are read through a consumer group, so they stay pending until acknowledged; an entry
 * is acknowledged and deleted only after Kafka confirmed the write (acks=all, idempotent
 * producer). If Kafka is down or slow the entries simply stay and are sent again on a later
 * round, so an order is never lost; a send that timed out but was written shows up twice in
 * Kafka, which the order consumer absorbs by order id. Nothing here ever gives stock back.
 *
 * <p>Every few rounds (a quarter of {@code claimAfter}) the relay also tidies each outbox's group: it
 * claims entries another relay abandoned, and deletes entries already acknowledged but left in the
 * outbox ({@link StrandedEntries}), which no later round would otherwise delete.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String TRACEPARENT = "traceparent";
    private static final RedisScript<Long> ACKNOWLEDGE = LuaScripts.load("outbox-ack.lua", Long.class);

    /** Own pending entries first (a previous round or run that never got its ack), then new ones. */
    private static final ReadOffset PENDING = ReadOffset.from("0");

    private final StringRedisTemplate redis;
    private final RedisSales sales;
    private final KafkaTemplate<String, OrderPlaced> kafka;
    private final OutboxProperties properties;
    private final StrandedEntries stranded;
    private volatile boolean running;
    private Thread worker;
    private long nextClaimCheck;
    private int nextPartition;
    /**
     * Outboxes where this relay holds nothing read-but-unacknowledged, so a round can skip asking for
     * its own pending entries: a round trip saved per sale every idle round. Empty at start (a
     * restarted relay re-reads what it held); an outbox leaves it when entries are read or claimed
     * and comes back once they are all acknowledged. Only the worker thread touches it.
     */
    private final Set<String> settled = new HashSet<>();

    OutboxRelay(StringRedisTemplate redis, RedisSales sales, KafkaTemplate<String, OrderPlaced> kafka,
            OutboxProperties properties, StrandedEntries stranded) {
        this.redis = redis;
        this.sales = sales;
        this.kafka = kafka;
        this.properties = properties;
        this.stranded = stranded;
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.start();
    }

    /**
     * Called after the web server stopped taking purchases. The worker is not interrupted: the
     * sale in flight finishes and acknowledges what Kafka took, the round ends there, and the thread
     * with it; other sales' entries stay in their outboxes for the next relay.
     */
    @Override
    public void stop() {
        running = false;
        try {
            worker.join(properties.sendTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Between the web server (stopped before) and the Redis connection factory (stopped after). */
    @Override
    public int getPhase() {
        return 1000;
    }

    private void run() {
        while (running) {
            Duration pause;
            try {
                pause = relayRound() ? Duration.ZERO : properties.idleWait();
            } catch (RuntimeException e) {
                log.atWarn().setCause(e).log("outbox relay round failed; entries stay pending and are retried");
                pause = properties.retryWait();
            }
            if (!pause.isZero() && !pauseFor(pause)) {
                return;
            }
        }
    }

    /**
     * One pass over every active sale's outbox. A sale whose batch Kafka did not take does not hold
     * up the others; the round still reports the failure, so the loop backs off before the retry.
     *
     * @return whether some outbox gave a full batch, so that more may be waiting: then the next round
     *     starts at once. Otherwise the loop pauses, also after relaying a few entries, so that the
     *     orders of a busy sale gather into batches of dozens instead of going to Kafka one round trip
     *     at a time: the broker's cost is mostly per request, not per order.
     */
    private boolean relayRound() {
        boolean claimCheckDue = System.nanoTime() - nextClaimCheck >= 0;
        if (claimCheckDue) {
            nextClaimCheck = System.nanoTime() + properties.claimAfter().toNanos() / 4;
        }
        boolean more = false;
        RuntimeException failure = null;
        List<Long> saleIds = sales.activeSaleIds();
        for (long saleId : saleIds) {
            if (!running) {
                // Stopping: the sale in flight is finished; the rest wait in their outboxes for the next relay,
                // rather than each holding up the shutdown for a command timeout while Redis is going away.
                break;
            }
            String outbox = new SaleKeys(saleId).outbox();
            try {
                if (claimCheckDue) {
                    claimAbandoned(outbox);
                    stranded.removeFrom(saleId);
                }
                more |= relay(outbox);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (settled.size() > saleIds.size()) {
            // Sales left the active set (DrainedSales); their outboxes need no memory here.
            settled.retainAll(saleIds.stream().map(saleId -> new SaleKeys(saleId).outbox()).collect(Collectors.toSet()));
        }
        if (failure != null) {
            throw failure;
        }
        return more;
    }

    /** @return whether the batch was full */
    private boolean relay(String outbox) {
        List<MapRecord<String, Object, Object>> entries = settled.contains(outbox) ? List.of() : read(outbox, PENDING);
        if (entries.isEmpty()) {
            settled.add(outbox);
            entries = read(outbox, ReadOffset.lastConsumed());
        }
        if (entries.isEmpty()) {
            return false;
        }
        settled.remove(outbox);
        List<RecordId> delivered = publish(entries);
        if (!delivered.isEmpty()) {
            List<String> args = new ArrayList<>(delivered.size() + 1);
            args.add(RedisSales.RELAY_GROUP);
            delivered.forEach(id -> args.add(id.getValue()));
            redis.execute(ACKNOWLEDGE, List.of(outbox), args.toArray());
        }
        if (delivered.size() < entries.size()) {
            throw new IllegalStateException((entries.size() - delivered.size()) + " of " + entries.size()
                    + " orders from " + outbox + " were not acknowledged by Kafka");
        }
        settled.add(outbox);
        return entries.size() >= properties.batchSize();
    }

    /**
     * Takes over entries another relay read but never acknowledged for longer than {@code claimAfter}:
     * that relay died between reading and Kafka's ack. They become this relay's own pending entries
     * and go out in this round. Kafka may see some of them twice; the consumer absorbs that.
     */
    private void claimAbandoned(String outbox) {
        PendingMessages pending = redis.opsForStream().pending(outbox, RedisSales.RELAY_GROUP,
                Range.unbounded(), properties.batchSize());
        if (pending == null) {
            return;
        }
        RecordId[] abandoned = pending.stream()
                .filter(message -> !message.getConsumerName().equals(properties.consumerName()))
                .filter(message -> message.getElapsedTimeSinceLastDelivery().compareTo(properties.claimAfter()) >= 0)
                .map(PendingMessage::getId)
                .toArray(RecordId[]::new);
        if (abandoned.length > 0) {
            redis.opsForStream().claim(outbox, RedisSales.RELAY_GROUP, properties.consumerName(),
                    properties.claimAfter(), abandoned);
            settled.remove(outbox);
            log.atWarn().addKeyValue("outbox", outbox).addKeyValue("entries", abandoned.length)
                    .log("claimed outbox entries abandoned by another relay");
        }
    }

    private List<MapRecord<String, Object, Object>> read(String outbox, ReadOffset offset) {
        List<MapRecord<String, Object, Object>> entries = redis.opsForStream().read(
                Consumer.from(RedisSales.RELAY_GROUP, properties.consumerName()),
                StreamReadOptions.empty().count(properties.batchSize()),
                StreamOffset.create(outbox, offset));
        return entries == null ? List.of() : entries;
    }

    /**
     * Sends a batch to one partition, the next in turn, and flushes it: one producer batch per outbox
     * batch instead of a few records in each of the topic's partitions, which is what keying alone
     * would do. Orders still carry their id as the key; one order in two partitions (a batch sent again
     * after a claim) is harmless, since the consumer's insert is idempotent on the order id.
     */
    private List<RecordId> publish(List<MapRecord<String, Object, Object>> entries) {
        int partitions = kafka.partitionsFor(properties.topic()).size();
        nextPartition = (nextPartition + 1) % partitions;
        List<CompletableFuture<SendResult<String, OrderPlaced>>> sends = new ArrayList<>(entries.size());
        for (MapRecord<String, Object, Object> entry : entries) {
            OrderPlaced order = OutboxEntry.toEvent(entry.getValue());
            ProducerRecord<String, OrderPlaced> record =
                    new ProducerRecord<>(properties.topic(), nextPartition, order.orderId(), order);
            // The purchase request's trace goes on with the order, so the consumer's work joins it.
            Object traceparent = entry.getValue().get(TRACEPARENT);
            if (traceparent != null) {
                record.headers().add(TRACEPARENT, traceparent.toString().getBytes(StandardCharsets.US_ASCII));
            }
            sends.add(kafka.send(record));
        }
        // The batch is complete: send it now rather than after linger.ms.
        kafka.flush();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<RecordId> delivered = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            if (awaitSend(sends.get(i), deadline)) {
                delivered.add(entries.get(i).getId());
            }
        }
        return delivered;
    }

    private boolean awaitSend(CompletableFuture<SendResult<String, OrderPlaced>> send, long deadline) {
        try {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean pauseFor(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
