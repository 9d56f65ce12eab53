package dev.seckill.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.contract.SaleKeys;
import dev.seckill.e2e.PurchaseSpike.Answer;
import dev.seckill.infra.server.LocalServers;
import dev.seckill.infra.server.Ports;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import dev.seckill.testsupport.netfault.NetworkFaults;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three promises under network faults rather than killed processes: links cut with nftables while
 * shoppers buy through the gateway. Redis, MariaDB and Kafka listen on addresses of their own
 * (127.0.0.2, .3, .4), so a cut of one server leaves the others reachable; the services listen on ports
 * of their own. Every scenario proves its fault took effect (packets dropped, the symptom seen), heals
 * it, lets every shopper who got no order retry with the same Idempotency-Key, and then checks: accepted
 * orders = units taken from the stock = rows in MySQL, one order per shopper, every one CREATED.
 * Skipped, with the reason, where nftables cannot be changed (not root).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkFaultsEndToEndTest {

    private static final System.Logger LOG = System.getLogger(NetworkFaultsEndToEndTest.class.getName());
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The gateway's wait for seckill-service's answer; shorter than its 10 s default so a scenario is quick. */
    private static final Duration GATEWAY_READ_TIMEOUT = Duration.ofSeconds(3);
    /** seckill-service's Redis command timeout (spring.data.redis.timeout). */
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
    /**
     * What a busy, shared test machine may add to any answer (seen: several seconds with a load of 12 on
     * two cores). A hung request is still told apart: it waits for the client's own 30 s and has no answer.
     */
    private static final Duration BUSY_MACHINE = Duration.ofSeconds(10);
    /** 1,000 shoppers for 600 units over 20 s: the sale sells out after the heal, with shoppers still arriving. */
    private static final Sale SPIKE = new Sale(1_000, 600, 50);
    /** The Kafka scenario's: stock for every shopper and the probe, 40 s of arrivals. */
    private static final Sale EVERYONE_BUYS = new Sale(1_000, 1_001, 25);

    private NetworkFaults faults;
    private LocalServers servers;
    private PlatformFixture fixture;

    @BeforeAll
    void startPlatform() {
        faults = NetworkFaults.open();
        servers = SharedServers.apart();
        fixture = PlatformFixture.start(servers, getClass().getSimpleName(), Map.of(
                "SECKILL_GATEWAY_READ_TIMEOUT", GATEWAY_READ_TIMEOUT.toSeconds() + "s",
                "SPRING_DATA_REDIS_TIMEOUT", REDIS_TIMEOUT.toSeconds() + "s"));
    }

    @AfterEach
    void heal() {
        faults.heal();
    }

    @AfterAll
    void stopPlatform() {
        if (faults != null) {
            faults.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(4)
    void cutBetweenGatewayAndSeckillServiceOpensTheBreakerAndClosesItAfterTheHeal() throws SQLException {
        int seckillPort = fixture.platform().seckill().port();
        Predicate<Answer> breakerRefusal = answer -> answer.isProblem(503, "service-unavailable")
                && "5".equals(answer.response().header("Retry-After"));

        Settled settled = spikeThrough(SPIKE, "gateway-cut-", () -> faults.cut(Ports.LOOPBACK, seckillPort),
                spike -> spike.count(breakerRefusal) >= 20 && breakerState().equals("OPEN"));

        assertThat(settled.answers().stream().filter(breakerRefusal)).hasSizeGreaterThanOrEqualTo(20);
        settled.assertNoneHung(breakerRefusal, GATEWAY_READ_TIMEOUT.plus(BUSY_MACHINE));
        await().atMost(PATIENCE).until(() -> breakerState().equals("CLOSED"));
        settled.log("4 gateway <-> seckill-service cut", breakerRefusal);
    }

    @Test
    @Order(5)
    void answersLostOnTheWayBackAreFoundAgainWithTheSameIdempotencyKey() throws SQLException {
        int seckillPort = fixture.platform().seckill().port();

        Settled settled = spikeThrough(SPIKE, "lost-answer-", () -> faults.dropAnswers(Ports.LOOPBACK, seckillPort),
                spike -> spike.count(answer -> answer.isProblem(503, "service-unavailable")) >= 20);

        // Applied in Redis, answered 503 by the gateway: the purchase happened and its answer was lost.
        assertThat(settled.lostAnswers()).as("purchases applied whose answer was lost").isNotEmpty();
        settled.assertNoneHung(answer -> answer.status() == 503, GATEWAY_READ_TIMEOUT.plus(BUSY_MACHINE));
        settled.log("5 seckill-service -> gateway answers dropped", answer -> answer.status() == 503);
    }

    @Test
    @Order(1)
    void cutBetweenSeckillServiceAndRedisIsAQuick503AndSalesGoOnAfterTheHeal() throws SQLException {
        long[] cutAt = new long[1];
        Settled settled = spikeThrough(SPIKE, "redis-cut-", () -> {
            faults.cut(servers.redis().host(), servers.redis().port());
            cutAt[0] = System.nanoTime();
        }, spike -> Duration.ofNanos(System.nanoTime() - cutAt[0]).toSeconds() >= 10
                && spike.count(answer -> answer.isProblem(503, "service-unavailable")) >= 20);

        Predicate<Answer> unavailable = answer -> answer.isProblem(503, "service-unavailable");
        assertThat(settled.answers().stream().filter(unavailable)).hasSizeGreaterThanOrEqualTo(20);
        // seckill-service answers within its Redis timeout; a request queued behind others is the gateway's to end.
        settled.assertNoneHung(unavailable, GATEWAY_READ_TIMEOUT.plus(BUSY_MACHINE));
        settled.log("1 seckill-service <-> Redis cut 10 s", unavailable);
    }

    @Test
    @Order(2)
    void ordersAcceptedWhileKafkaIsCutOffWaitInTheOutboxAndAllReachMySqlOnceAfterTheHeal() throws SQLException {
        long[] cutAt = new long[1];
        double[] deepest = new double[1];
        // No purchase needs Kafka, so every shopper gets an order, also after the heal.
        Settled settled = spikeThrough(EVERYONE_BUYS, "kafka-cut-", () -> {
            faults.cut(servers.kafka().host(), servers.kafka().port());
            cutAt[0] = System.nanoTime();
        }, spike -> {
            deepest[0] = Math.max(deepest[0], outboxDepth(spike.saleId()));
            return Duration.ofNanos(System.nanoTime() - cutAt[0]).toSeconds() >= 30 && deepest[0] >= 200;
        });

        assertThat(deepest[0]).as("the outbox depth gauge during the cut").isGreaterThanOrEqualTo(200);
        assertThat(settled.accepted()).as("shoppers with an order, the probe after the heal too").isEqualTo(1_001);
        settled.log("2 seckill-service <-> Kafka cut 30 s (outbox depth up to " + (long) deepest[0] + ")",
                answer -> true);
    }

    /**
     * A spike as {@code sale} says; once orders are being accepted the fault is made, held until
     * {@code healWhen} holds, proven by the packets it dropped, and healed. Every shopper without an order
     * then tries again with the same key; what the sale ends as is checked and returned.
     */
    private Settled spikeThrough(Sale sale, String prefix, Runnable fault, Predicate<PurchaseSpike> healWhen)
            throws SQLException {
        long saleId = fixture.createSale(sale.stock(), 1);
        PurchaseSpike spike = PurchaseSpike.start(fixture, saleId, prefix, sale.shoppers(), sale.perSecond());
        await().atMost(PATIENCE).until(() -> spike.count(answer -> answer.status() == 202) >= 20);

        fault.run();
        await().atMost(PATIENCE).until(() -> healWhen.test(spike));
        long dropped = faults.droppedPackets();
        assertThat(dropped).as("packets the fault dropped").isPositive();
        faults.heal();
        long healedAt = System.nanoTime();
        // A shopper of its own who keeps trying after the heal: arrivals may have ended before the link works
        // again. One try in 2.5 s stays inside the gateway's per-shopper limit (5 in 10 s).
        String probe = prefix + "after-heal";
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(2_500)).ignoreExceptions().until(() -> fixture.purchaseAsync(saleId, probe, "key-" + probe).join().status() == 202);
        Duration recovery = Duration.ofNanos(System.nanoTime() - healedAt);
        List<Answer> answers = spike.join(PATIENCE);

        Map<String, String> lost = ordersOfUnanswered(saleId, answers);
        List<Answer> unanswered = answers.stream().filter(NetworkFaultsEndToEndTest::unanswered).toList();
        List<ApiResponse> retries = fixture.api().all(unanswered.size(), i -> fixture.purchaseAsync(
                saleId, unanswered.get(i).userId(), unanswered.get(i).idempotencyKey()));
        Map<String, String> orderByShopper = new HashMap<>();
        orderByShopper.put(probe, fixture.purchaseAsync(saleId, probe, "key-" + probe).join().text("orderId"));
        answers.stream().filter(answer -> answer.status() == 202)
                .forEach(answer -> orderByShopper.put(answer.userId(), answer.orderId()));
        for (int i = 0; i < retries.size(); i++) {
            ApiResponse retry = retries.get(i);
            String userId = unanswered.get(i).userId();
            assertThat(retry.status() == 202 || retry.isProblem(409, "sold-out")).as(userId + ": " + retry).isTrue();
            if (lost.containsKey(userId)) {
                assertThat(retry.text("orderId")).as("the order a lost answer was about").isEqualTo(lost.get(userId));
            }
            if (retry.status() == 202) {
                orderByShopper.put(userId, retry.text("orderId"));
            }
        }
        assertSettled(saleId, sale.stock(), orderByShopper);
        return new Settled(answers, retries.size(), orderByShopper.size(), lost, dropped, recovery,
                Duration.ofNanos(System.nanoTime() - healedAt));
    }

    /** A shopper who got neither an order nor a final refusal. */
    private static boolean unanswered(Answer answer) {
        return answer.status() != 202 && !answer.isProblem(409, "sold-out");
    }

    /** For each unanswered shopper whose purchase Redis applied anyway, the order its key holds. */
    private Map<String, String> ordersOfUnanswered(long saleId, List<Answer> answers) {
        SaleKeys keys = new SaleKeys(saleId);
        Map<String, String> lost = new HashMap<>();
        answers.stream().filter(NetworkFaultsEndToEndTest::unanswered).forEach(answer -> {
            String orderId = fixture.redis().get(keys.idempotency(answer.userId(), answer.idempotencyKey()));
            if (orderId != null) {
                lost.put(answer.userId(), orderId);
            }
        });
        return lost;
    }

    /** Accepted = taken from the stock = in MySQL, one order per shopper, every one CREATED, nothing left in the outbox. */
    private void assertSettled(long saleId, int stock, Map<String, String> orderByShopper) throws SQLException {
        List<String> accepted = new ArrayList<>(orderByShopper.values());
        assertThat(accepted).doesNotHaveDuplicates();
        assertThat(stock - fixture.stockLeft(saleId)).as("units taken").isEqualTo(accepted.size());
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, String> rows = fixture.orderStatuses(saleId);
            assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
            assertThat(rows.values()).allMatch("CREATED"::equals);
        });
        assertThat(fixture.distinctBuyers(saleId)).isEqualTo(accepted.size());
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(fixture.redis().xlen(new SaleKeys(saleId).outbox())).isZero());
    }

    /** seckill-service's gauge of the orders waiting in the sale's outbox (refreshed every 5 s). */
    private double outboxDepth(long saleId) {
        ApiResponse gauge = new ApiClient(fixture.platform().seckill().url())
                .get("/actuator/metrics/seckill.outbox.pending?tag=sale:" + saleId, Map.of());
        return gauge.status() == 200 ? gauge.body().path("measurements").path(0).path("value").asDouble() : 0;
    }

    private String breakerState() {
        ApiResponse breakers = fixture.api().get("/actuator/circuitbreakers", fixture.admin());
        return breakers.body().path("circuitBreakers").path("seckill-service").path("state").asText();
    }

    /** How many shoppers arrive, how many a second, for how many units. */
    private record Sale(int shoppers, int stock, int perSecond) {
    }

    /**
     * What a scenario measured, for its log line and its own assertions: {@code recovery} until a purchase
     * tried every 2.5 s after the heal was accepted, {@code settled} until the sale had settled: arrivals over,
     * retries answered, every accepted order CREATED in MySQL and the outbox empty.
     */
    private record Settled(List<Answer> answers, int retries, int accepted, Map<String, String> lostAnswers,
            long droppedPackets, Duration recovery, Duration settled) {

        /** Every shopper got an answer (none gave up after the client's 30 s), each {@code refusal} within {@code limit}. */
        void assertNoneHung(Predicate<Answer> refusal, Duration limit) {
            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.userId() + " got an answer")
                    .isPositive());
            assertThat(answers).filteredOn(refusal).allSatisfy(answer ->
                    assertThat(answer.took()).as(answer.userId() + " waited").isLessThan(limit));
        }

        /** One line with the figures, {@code timed} being the answers whose waiting times it gives. */
        void log(String scenario, Predicate<Answer> timed) {
            long unavailable = answers.stream().filter(answer -> answer.status() == 503).count();
            List<Long> millis = answers.stream().filter(timed).map(answer -> answer.took().toMillis()).sorted().toList();
            LOG.log(System.Logger.Level.INFO, "network fault scenario {0}: requests {1} (+{2} retries), accepted {3}, "
                    + "503s {4}, lost answers {5}, packets dropped {6}, first purchase accepted {7} ms after the heal, "
                    + "sale settled {8} ms after it, fault answers {9} ms median, {10} ms max",
                    scenario, answers.size(), retries, accepted, unavailable, lostAnswers.size(), droppedPackets,
                    recovery.toMillis(), settled.toMillis(), millis.get(millis.size() / 2), millis.get(millis.size() - 1));
        }
    }
}
