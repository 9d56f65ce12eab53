package dev.seckill.gateway.soldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.contract.StockEvent;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's sold-out flag, in front of a stub that counts the purchases reaching it, and on the
 * real Redis the stock events are published on. Every test first shows the flag in the state it
 * starts from, then the change.
 */
class SoldOutTest {

    private static SoldOutGateway edge;
    private static MeterRegistry meters;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() {
        // Longer than any test here takes, even on a loaded machine; expiry has a test of its own.
        edge = new SoldOutGateway(Duration.ofMinutes(5));
        meters = edge.gateway.getBean(MeterRegistry.class);
        Map<String, String> servers = SharedServers.get().serviceProperties();
        redisClient = RedisClient.create(RedisURI.create(servers.get("spring.data.redis.host"),
                Integer.parseInt(servers.get("spring.data.redis.port"))));
        redis = redisClient.connect();
    }

    @AfterAll
    static void stop() {
        redis.close();
        redisClient.shutdown();
        edge.close();
    }

    @Test
    void afterASoldOutAnswerFurtherPurchasesAreAnsweredByTheGatewayAlone() {
        long sale = edge.newSale();
        edge.seckill.soldOut(sale, true);
        assertThat(edge.isFlagged(sale)).isFalse();

        ApiResponse first = edge.purchase(sale, Map.of());
        assertThat(first.isProblem(409, "sold-out")).as(first.toString()).isTrue();
        assertThat(edge.seckill.calls(sale)).isEqualTo(1);
        double refusedBefore = refusedAtTheGateway();

        for (int i = 0; i < 20; i++) {
            ApiResponse answer = edge.purchase(sale, Map.of());
            assertThat(answer.isProblem(409, "sold-out")).as(answer.toString()).isTrue();
            assertThat(answer.text("title")).isEqualTo("Sold out");
            assertThat(answer.text("detail")).isEqualTo("Sale " + sale + " is sold out");
            assertThat(answer.body().path("status").asInt()).isEqualTo(409);
        }

        assertThat(edge.seckill.calls(sale)).isEqualTo(1);
        assertThat(refusedAtTheGateway() - refusedBefore).isEqualTo(20);
    }

    @Test
    void aFlaggedSaleIsAnsweredBeforeTheTokenIsCheckedAndStillWithTheSecurityHeaders() {
        long unflagged = edge.newSale();
        ApiResponse refused = edge.api.postJson("/api/sales/" + unflagged + "/purchases", Map.of(), "{\"quantity\":1}");
        assertThat(refused.status()).as("an unflagged sale needs a token").isEqualTo(401);
        long sale = edge.flaggedByAnAnswer();

        ApiResponse withoutToken = edge.api.postJson("/api/sales/" + sale + "/purchases", Map.of(), "{\"quantity\":1}");
        ApiResponse badToken = edge.api.postJson("/api/sales/" + sale + "/purchases", ApiClient.bearer("not.a.token"), "not json");

        for (ApiResponse answer : new ApiResponse[] {withoutToken, badToken}) {
            assertThat(answer.isProblem(409, "sold-out")).as(answer.toString()).isTrue();
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(answer.header("Cache-Control")).contains("no-store");
        }
        assertThat(edge.seckill.calls(sale)).isEqualTo(1);
    }

    @Test
    void stockComingBackDropsTheFlagAndTheNextPurchaseGoesThrough() {
        long sale = edge.flaggedByAnAnswer();
        edge.seckill.soldOut(sale, false);

        redis.sync().publish(StockEvent.CHANNEL, new StockEvent(sale, 3).message());

        await().atMost(Duration.ofSeconds(5)).until(() -> !edge.isFlagged(sale));
        assertThat(edge.purchase(sale, Map.of()).status()).isEqualTo(202);
        assertThat(edge.seckill.calls(sale)).isEqualTo(2);
    }

    @Test
    void aSoldOutEventSetsTheFlagWithoutAnyAnswer() {
        long sale = edge.newSale();
        assertThat(edge.isFlagged(sale)).isFalse();

        redis.sync().publish(StockEvent.CHANNEL, new StockEvent(sale, 0).message());

        await().atMost(Duration.ofSeconds(5)).until(() -> edge.isFlagged(sale));
        assertThat(edge.purchase(sale, Map.of()).isProblem(409, "sold-out")).isTrue();
        assertThat(edge.seckill.calls(sale)).isZero();
    }

    @Test
    void aPurchaseWithAnIdempotencyKeyReachesSeckillServiceEvenWhenFlagged() {
        long sale = edge.flaggedByAnAnswer();

        ApiResponse replay = edge.purchase(sale, Map.of("Idempotency-Key", "retry-1"));

        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertThat(edge.seckill.calls(sale)).isEqualTo(2);
        assertThat(edge.seckill.lastHeaders(sale)).containsEntry("idempotency-key", "retry-1");
        assertThat(edge.isFlagged(sale)).isTrue();
    }

    private double refusedAtTheGateway() {
        return meters.get("gateway.soldout.refusals").counter().count();
    }
}
