package dev.seckill.seckill.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.api.CreateSaleRequest;
import dev.seckill.contract.OrderId;
import dev.seckill.contract.SaleKeys;
import dev.seckill.seckill.purchase.OrderTopicReader;
import dev.seckill.seckill.purchase.PurchaseService;
import dev.seckill.seckill.sale.RedisSales;
import dev.seckill.seckill.sale.SaleCatalog;
import dev.seckill.testsupport.SharedServers;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sales leave the set of active sales once they ended and their outbox is drained, never earlier, on
 * real Redis and Kafka. The grace, the sweep and the claim are shortened so that the test takes seconds.
 */
@SpringBootTest(properties = {
    "seckill.outbox.end-grace=1s",
    "seckill.outbox.sweep-interval=200ms",
    "seckill.outbox.claim-after=8s"})
class DrainedSalesIntegrationTest {

    private static final Duration GRACE = Duration.ofSeconds(1);

    /**
     * What a relay does that reads an entry and dies before Kafka acknowledged it, in one step so that
     * the live relay cannot read the entry first. KEYS: outbox. ARGV: consumer group, consumer, field pairs.
     */
    private static final RedisScript<String> APPEND_AND_ABANDON = RedisScript.of("""
            local id = redis.call('XADD', KEYS[1], '*', unpack(ARGV, 3))
            redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
            return id
            """, String.class);

    /**
     * What a relay did on releases that acknowledged and deleted in two commands, cut off between them:
     * entries read through the group and acknowledged, never deleted. In one step, so that no relay
     * tidies the outbox before it answers what it left. KEYS: outbox. ARGV: consumer group, consumer,
     * entries, field pairs. Returns the entries delivered through the group, those in the outbox and
     * those pending.
     */
    private static final RedisScript<List> ACKNOWLEDGE_WITHOUT_DELETE = RedisScript.of("""
            local ids = {}
            for i = 1, tonumber(ARGV[3]) do
                ids[i] = redis.call('XADD', KEYS[1], '*', unpack(ARGV, 4))
            end
            local read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', #ids, 'STREAMS', KEYS[1], '>')
            redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
            return {#read[1][2], redis.call('XLEN', KEYS[1]), redis.call('XPENDING', KEYS[1], ARGV[1])[1]}
            """, List.class);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SharedServers.get().serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("seckill.internal.token", () -> UUID.randomUUID().toString());
    }

    @Autowired
    SaleCatalog catalog;

    @Autowired
    PurchaseService purchases;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aSaleThatEndedLeavesTheActiveSalesOnceItsOrdersWentToKafkaAndTheGracePassed() {
        Instant endAt = Instant.now().plusSeconds(2);
        long saleId = createSale(Instant.now().minusSeconds(1), endAt);
        String orderId = purchases.purchase(saleId, "early-bird", 1, null).orderId();

        await().atMost(Duration.ofSeconds(30)).until(() -> !isActive(saleId));

        assertThat(Instant.now()).isAfterOrEqualTo(endAt.plus(GRACE));
        assertThat(redis.opsForStream().size(new SaleKeys(saleId).outbox())).isZero();
        assertThat(onKafka(orderId)).isTrue();
    }

    @Test
    void aSaleThatEndedWithAnOrderStillPendingStaysActiveUntilTheOrderIsRelayed() {
        Instant endAt = Instant.now().plusSeconds(1);
        long saleId = createSale(Instant.now().minusSeconds(1), endAt);
        String outbox = new SaleKeys(saleId).outbox();
        String orderId = OrderId.next(saleId, Clock.systemUTC()).toString();
        redis.execute(APPEND_AND_ABANDON, List.of(outbox), RedisSales.RELAY_GROUP, "crashed-relay",
                "orderId", orderId, "saleId", Long.toString(saleId), "userId", "last-minute", "quantity", "1",
                "unitPrice", "19.90", "placedAt", Long.toString(Instant.now().toEpochMilli()));

        // Past the end and its grace the entry is still held by the dead relay, until claim-after.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                .until(() -> isActive(saleId) && pendingWithTheRelays(outbox) == 1);
        assertThat(Instant.now()).isAfter(endAt.plus(GRACE));

        await().atMost(Duration.ofSeconds(60)).until(() -> !isActive(saleId));
        assertThat(redis.opsForStream().size(outbox)).isZero();
        assertThat(onKafka(orderId)).isTrue();
    }

    @Test
    void aSaleThatEndedWithOrdersAcknowledgedButNeverDeletedLeavesOnceTheRelayDeletedThem() {
        long saleId = createSale(Instant.now().minusSeconds(1), Instant.now().plusSeconds(1));
        String outbox = new SaleKeys(saleId).outbox();

        List<?> left = redis.execute(ACKNOWLEDGE_WITHOUT_DELETE, List.of(outbox), RedisSales.RELAY_GROUP,
                "relay-before-the-cut", "3", "orderId", OrderId.next(saleId, Clock.systemUTC()).toString());
        assertThat(left).isEqualTo(List.of(3L, 3L, 0L));

        await().atMost(Duration.ofSeconds(30)).until(() -> !isActive(saleId));
        assertThat(redis.opsForStream().size(outbox)).isZero();
    }

    @Test
    void openAndComingSalesStayActiveWhileAClosedDrainedOneLeaves() {
        long open = createSale(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600));
        long coming = createSale(Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200));
        long closed = createSale(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600));
        purchases.purchase(open, "stays", 1, null);
        catalog.close(closed);

        await().atMost(Duration.ofSeconds(30)).until(() -> !isActive(closed));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> isActive(open) && isActive(coming));
    }

    private long createSale(Instant startAt, Instant endAt) {
        return catalog.create(new CreateSaleRequest("SKU-DRAIN", "Drained sale", new BigDecimal("19.90"), 10,
                startAt, endAt, 1, null)).saleId();
    }

    private boolean isActive(long saleId) {
        return Boolean.TRUE.equals(redis.opsForSet().isMember(SaleKeys.ACTIVE_SALES, Long.toString(saleId)));
    }

    private long pendingWithTheRelays(String outbox) {
        return redis.opsForStream().pending(outbox, RedisSales.RELAY_GROUP).getTotalPendingMessages();
    }

    private static boolean onKafka(String orderId) {
        boolean[] seen = {false};
        OrderTopicReader.readUntil(record -> seen[0] |= orderId.equals(record.key()), () -> seen[0]);
        return seen[0];
    }
}
