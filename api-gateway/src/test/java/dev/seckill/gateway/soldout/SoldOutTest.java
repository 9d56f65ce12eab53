package dev.seckill.gateway.soldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.contract.StockEvent;
import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.gateway.StubSeckillService;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;

/**
 * The gateway's sold-out flag, in front of a stub that counts the purchases reaching it, and on the
 * real Redis the stock events are published on. Every test first shows the flag in the state it
 * starts from, then the change.
 */
class SoldOutTest {

    private static final AtomicLong SALES = new AtomicLong(ProcessHandle.current().pid() * 1_000);
    private static StubSeckillService seckill;
    private static ReactiveWebServerApplicationContext gateway;
    private static ApiClient api;
    private static SoldOutFlags flags;
    private static MeterRegistry meters;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() {
        seckill = new StubSeckillService();
        gateway = GatewayTestBase.startGateway(Map.of("seckill.gateway.seckill-service-url", seckill.url().toString()));
        api = new ApiClient(URI.create("http://127.0.0.1:" + gateway.getWebServer().getPort()));
        flags = gateway.getBean(SoldOutFlags.class);
        meters = gateway.getBean(MeterRegistry.class);
        Map<String, String> servers = SharedServers.get().serviceProperties();
        redisClient = RedisClient.create(RedisURI.create(servers.get("spring.data.redis.host"),
                Integer.parseInt(servers.get("spring.data.redis.port"))));
        redis = redisClient.connect();
    }

    @AfterAll
    static void stop() {
        redis.close();
        redisClient.shutdown();
        gateway.close();
        seckill.close();
    }

    @Test
    void afterASoldOutAnswerFurtherPurchasesAreAnsweredByTheGatewayAlone() {
        long sale = SALES.incrementAndGet();
        seckill.soldOut(sale, true);
        assertThat(flags.isSoldOut(Long.toString(sale))).isFalse();

        ApiResponse first = purchase(sale, Map.of());
        assertThat(first.isProblem(409, "sold-out")).as(first.toString()).isTrue();
        assertThat(seckill.calls(sale)).isEqualTo(1);
        double refusedBefore = refusedAtTheGateway();

        for (int i = 0; i < 20; i++) {
            ApiResponse answer = purchase(sale, Map.of());
            assertThat(answer.isProblem(409, "sold-out")).as(answer.toString()).isTrue();
            assertThat(answer.text("title")).isEqualTo("Sold out");
            assertThat(answer.text("detail")).isEqualTo("Sale " + sale + " is sold out");
            assertThat(answer.body().path("status").asInt()).isEqualTo(409);
        }

        assertThat(seckill.calls(sale)).isEqualTo(1);
        assertThat(refusedAtTheGateway() - refusedBefore).isEqualTo(20);
    }

    @Test
    void aFlaggedSaleIsAnsweredBeforeTheTokenIsCheckedAndStillWithTheSecurityHeaders() {
        long unflagged = SALES.incrementAndGet();
        ApiResponse refused = api.postJson("/api/sales/" + unflagged + "/purchases", Map.of(), "{\"quantity\":1}");
        assertThat(refused.status()).as("an unflagged sale needs a token").isEqualTo(401);
        long sale = flaggedByAnAnswer();

        ApiResponse withoutToken = api.postJson("/api/sales/" + sale + "/purchases", Map.of(), "{\"quantity\":1}");
        ApiResponse badToken = api.postJson("/api/sales/" + sale + "/purchases", ApiClient.bearer("not.a.token"), "not json");

        for (ApiResponse answer : new ApiResponse[] {withoutToken, badToken}) {
            assertThat(answer.isProblem(409, "sold-out")).as(answer.toString()).isTrue();
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(answer.header("Cache-Control")).contains("no-store");
        }
        assertThat(seckill.calls(sale)).isEqualTo(1);
    }

    @Test
    void stockComingBackDropsTheFlagAndTheNextPurchaseGoesThrough() {
        long sale = flaggedByAnAnswer();
        seckill.soldOut(sale, false);

        redis.sync().publish(StockEvent.CHANNEL, new StockEvent(sale, 3).message());

        await().atMost(Duration.ofSeconds(5)).until(() -> !flags.isSoldOut(Long.toString(sale)));
        assertThat(purchase(sale, Map.of()).status()).isEqualTo(202);
        assertThat(seckill.calls(sale)).isEqualTo(2);
    }

    @Test
    void aSoldOutEventSetsTheFlagWithoutAnyAnswer() {
        long sale = SALES.incrementAndGet();
        assertThat(flags.isSoldOut(Long.toString(sale))).isFalse();

        redis.sync().publish(StockEvent.CHANNEL, new StockEvent(sale, 0).message());

        await().atMost(Duration.ofSeconds(5)).until(() -> flags.isSoldOut(Long.toString(sale)));
        assertThat(purchase(sale, Map.of()).isProblem(409, "sold-out")).isTrue();
        assertThat(seckill.calls(sale)).isZero();
    }

    @Test
    void aPurchaseWithAnIdempotencyKeyReachesSeckillServiceEvenWhenFlagged() {
        long sale = flaggedByAnAnswer();

        ApiResponse replay = purchase(sale, Map.of("Idempotency-Key", "retry-1"));

        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertThat(seckill.calls(sale)).isEqualTo(2);
        assertThat(seckill.lastHeaders(sale)).containsEntry("idempotency-key", "retry-1");
        assertThat(flags.isSoldOut(Long.toString(sale))).isTrue();
    }

    @Test
    void theFlagExpiresAfterItsTimeToLive() {
        long started = System.nanoTime();
        long sale = flaggedByAnAnswer();

        await().atMost(Duration.ofSeconds(10)).until(() -> !flags.isSoldOut(Long.toString(sale)));

        Duration held = Duration.ofNanos(System.nanoTime() - started);
        assertThat(held).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        assertThat(purchase(sale, Map.of()).isProblem(409, "sold-out")).isTrue();
        assertThat(seckill.calls(sale)).as("the purchase after expiry asked seckill-service").isEqualTo(2);
        assertThat(flags.isSoldOut(Long.toString(sale))).as("and its answer flagged the sale again").isTrue();
    }

    /** A sale seckill-service answered sold out once, so that the gateway has flagged it. */
    private long flaggedByAnAnswer() {
        long sale = SALES.incrementAndGet();
        seckill.soldOut(sale, true);
        assertThat(purchase(sale, Map.of()).isProblem(409, "sold-out")).isTrue();
        assertThat(seckill.calls(sale)).isEqualTo(1);
        assertThat(purchase(sale, Map.of()).isProblem(409, "sold-out")).isTrue();
        assertThat(seckill.calls(sale)).as("flagged: the second purchase stayed at the gateway").isEqualTo(1);
        assertThat(flags.isSoldOut(Long.toString(sale))).isTrue();
        return sale;
    }

    /** Each purchase by a shopper of its own, so the per-shopper limit never answers in the flag's place. */
    private ApiResponse purchase(long sale, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(ApiClient.bearer(GatewayTestBase.TOKENS.shopper("buyer-" + UUID.randomUUID())));
        all.putAll(headers);
        return api.postJson("/api/sales/" + sale + "/purchases", all, "{\"quantity\":1}");
    }

    private double refusedAtTheGateway() {
        return meters.get("gateway.soldout.refusals").counter().count();
    }
}
