package dev.seckill.seckill.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.contract.SaleKeys;
import dev.seckill.seckill.sale.RedisSales;
import dev.seckill.testsupport.SharedServers;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Only entries the relays' group already acknowledged leave an outbox, on real Redis: the state each
 * test starts from is made by the commands a relay sends (XREADGROUP, XACK, XDEL), and checked first.
 */
@SpringBootTest
class StrandedEntriesIntegrationTest {

    private static final String OLD_RELAY = "relay-before-the-cut";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SharedServers.get().serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("seckill.internal.token", () -> UUID.randomUUID().toString());
    }

    @Autowired
    StrandedEntries stranded;

    @Autowired
    OutboxProperties properties;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    private long saleId;
    private String outbox;

    /**
     * An outbox of a sale on no active list: the relays of this and of every other test context walk
     * only that list, so nothing but the test reads or deletes its entries.
     */
    @BeforeEach
    void outboxNoRelayWalks() {
        saleId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        outbox = new SaleKeys(saleId).outbox();
        redis.opsForStream().createGroup(outbox, ReadOffset.from("0-0"), RedisSales.RELAY_GROUP);
    }

    @AfterEach
    void removeOutbox() {
        redis.delete(outbox);
    }

    @Test
    void acknowledgedEntriesGoWhileAPendingAndAnUndeliveredOneStay() {
        List<RecordId> read = deliver(append(3));
        RecordId inFlight = read.get(1);
        acknowledge(read.get(0), read.get(2));
        RecordId undelivered = append(1).get(0);
        assertThat(idsInOutbox()).containsExactly(read.get(0), inFlight, read.get(2), undelivered);
        assertThat(pendingIds()).containsExactly(inFlight);
        assertThat(lastDelivered()).isEqualTo(read.get(2));
        double before = removedCount();

        assertThat(stranded.removeFrom(saleId)).isEqualTo(2);

        assertThat(idsInOutbox()).containsExactly(inFlight, undelivered);
        assertThat(pendingIds()).containsExactly(inFlight);
        assertThat(lastDelivered()).isEqualTo(read.get(2));
        assertThat(removedCount() - before).isEqualTo(2.0);
        assertThat(stranded.removeFrom(saleId)).isZero();
    }

    @Test
    void oneCallLooksAtNoMoreThanABatch() {
        int batch = properties.batchSize();
        List<RecordId> read = deliver(append(batch + 1));
        acknowledge(read.toArray(RecordId[]::new));
        assertThat(redis.opsForStream().size(outbox)).isEqualTo(batch + 1);
        assertThat(pendingIds()).isEmpty();
        assertThat(lastDelivered()).isEqualTo(read.get(batch));

        assertThat(stranded.removeFrom(saleId)).isEqualTo(batch);
        assertThat(idsInOutbox()).containsExactly(read.get(batch));
        assertThat(stranded.removeFrom(saleId)).isEqualTo(1);
        assertThat(idsInOutbox()).isEmpty();
    }

    /**
     * A relay's pending list may hold ids whose entries were deleted without an acknowledgement. A
     * batch of those before an entry still in flight fills the pending page the script reads; the
     * entry behind it must not be taken for acknowledged.
     */
    @Test
    void anEntryPendingBehindAFullPageOfPendingIdsWithoutEntriesStays() {
        RecordId before = deliver(append(1)).get(0);
        acknowledge(before);
        List<RecordId> gone = deliver(append(properties.batchSize()));
        redis.opsForStream().delete(outbox, gone.toArray(RecordId[]::new));
        RecordId inFlight = deliver(append(1)).get(0);
        RecordId after = deliver(append(1)).get(0);
        acknowledge(after);
        assertThat(idsInOutbox()).containsExactly(before, inFlight, after);
        assertThat(pendingIds()).hasSize(gone.size() + 1).endsWith(inFlight);

        assertThat(stranded.removeFrom(saleId)).isEqualTo(1);
        assertThat(idsInOutbox()).containsExactly(inFlight, after);
        assertThat(stranded.removeFrom(saleId)).isEqualTo(1);
        assertThat(idsInOutbox()).containsExactly(inFlight);
        assertThat(pendingIds()).endsWith(inFlight);
    }

    private List<RecordId> append(int entries) {
        List<RecordId> ids = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            ids.add(redis.opsForStream().add(outbox, Map.of("orderId", saleId + "-" + UUID.randomUUID())));
        }
        return ids;
    }

    /** Reads the next entries through the group as a relay does; they are pending with it until acknowledged. */
    private List<RecordId> deliver(List<RecordId> appended) {
        List<MapRecord<String, Object, Object>> read = redis.opsForStream().read(
                Consumer.from(RedisSales.RELAY_GROUP, OLD_RELAY),
                StreamReadOptions.empty().count(appended.size()),
                StreamOffset.create(outbox, ReadOffset.lastConsumed()));
        List<RecordId> ids = read.stream().map(MapRecord::getId).toList();
        assertThat(ids).isEqualTo(appended);
        return ids;
    }

    /** The first of a relay's two commands on the releases that sent them apart: XACK without XDEL. */
    private void acknowledge(RecordId... ids) {
        assertThat(redis.opsForStream().acknowledge(outbox, RedisSales.RELAY_GROUP, ids)).isEqualTo(ids.length);
    }

    private List<RecordId> idsInOutbox() {
        return redis.opsForStream().range(outbox, Range.unbounded()).stream().map(MapRecord::getId).toList();
    }

    private List<RecordId> pendingIds() {
        return redis.opsForStream().pending(outbox, RedisSales.RELAY_GROUP, Range.unbounded(), 10_000).stream()
                .map(PendingMessage::getId).toList();
    }

    private RecordId lastDelivered() {
        return RecordId.of(redis.opsForStream().groups(outbox).get(0).lastDeliveredId());
    }

    private double removedCount() {
        return meters.get("seckill.outbox.stranded.removed").counter().count();
    }
}
