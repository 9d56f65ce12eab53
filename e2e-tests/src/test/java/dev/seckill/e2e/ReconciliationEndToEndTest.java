package dev.seckill.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seckill.contract.SaleKeys;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reconciliation of Redis against MySQL on the three services as processes: drift injected into a
 * sale's Redis keys is reported to the unit (report and gauge), a repair is refused while the sale
 * may still be moving, and on a quiescent sale it puts back exactly what the orders in MySQL say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private PlatformFixture fixture;
    private ApiClient seckillDirect;

    @BeforeAll
    void startPlatform() {
        // A quiet period of 3 s lets a test wait for quiescence, and is still thousands of times what a
        // repair sent right after a purchase takes; the drift gauge is refreshed every second.
        fixture = PlatformFixture.start(SharedServers.get(), getClass().getSimpleName(), Map.of(
                "SECKILL_RECONCILIATION_QUIET_PERIOD", "3s",
                "SECKILL_RECONCILIATION_INTERVAL", "1s"));
        seckillDirect = new ApiClient(fixture.platform().seckill().url());
    }

    @AfterAll
    void stopPlatform() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aStrayUnitAndLostBuyerCountsAreReportedPreciselyAndRepairedOnlyOnceTheSaleIsQuiet() throws Exception {
        long saleId = fixture.createSale(10, 2);
        SaleKeys keys = new SaleKeys(saleId);
        for (String shopper : List.of("drift-a", "drift-a", "drift-b", "drift-c")) {
            ApiResponse bought = fixture.purchase(saleId, shopper);
            assertThat(bought.status()).as(bought.toString()).isEqualTo(202);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.countOrders(saleId)).isEqualTo(4));

        fixture.redis().incr(keys.stock());
        fixture.redis().del(keys.buyers());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(driftGauge(saleId)).isEqualTo(-1.0));
        JsonNode report = report(saleId);
        assertThat(report.path("initialStock").asInt()).isEqualTo(10);
        assertThat(report.path("redisStock").asLong()).isEqualTo(7);
        assertThat(report.path("expectedRedisStock").asLong()).isEqualTo(6);
        assertThat(report.path("liveUnits").asLong()).isEqualTo(4);
        assertThat(report.path("outboxUnits").asLong()).isZero();
        assertThat(report.path("returningUnits").asLong()).isZero();
        assertThat(report.path("drift").asLong()).isEqualTo(-1);
        assertThat(buyers(report)).containsExactly("drift-a 0/2", "drift-b 0/1", "drift-c 0/1");

        // A purchase just before the repair: the order is in the outbox, in Kafka or freshly in MySQL.
        assertThat(fixture.purchase(saleId, "drift-d").status()).isEqualTo(202);
        ApiResponse refused = repair(saleId);
        assertThat(refused.isProblem(409, "sale-not-quiescent")).as(refused.toString()).isTrue();
        assertThat(fixture.redis().get(keys.stock())).isEqualTo("6");
        assertThat(fixture.redis().hgetall(keys.buyers())).isEqualTo(Map.of("drift-d", "1"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode quiet = report(saleId);
            assertThat(quiet.path("liveUnits").asLong()).isEqualTo(5);
            assertThat(quiet.path("notQuiescent")).as(quiet.toString()).isEmpty();
        });
        ApiResponse repaired = repair(saleId);
        assertThat(repaired.status()).as(repaired.toString()).isEqualTo(200);
        assertThat(repaired.body().path("repaired").asBoolean()).isTrue();
        assertThat(repaired.body().path("redisStock").asLong()).isEqualTo(5);
        assertThat(fixture.redis().get(keys.stock())).isEqualTo("5");
        assertThat(fixture.redis().hgetall(keys.buyers()))
                .isEqualTo(Map.of("drift-a", "2", "drift-b", "1", "drift-c", "1", "drift-d", "1"));

        JsonNode after = report(saleId);
        assertThat(after.path("drift").asLong()).isZero();
        assertThat(after.path("buyers")).isEmpty();
        assertThat(after.path("repaired").asBoolean()).isFalse();
        assertThat(driftGauge(saleId)).isZero();
        assertThat(fixture.purchase(saleId, "drift-a").isProblem(409, "limit-reached")).isTrue();
        assertThat(fixture.stockLeft(saleId)).isEqualTo(5);
    }

    @Test
    void aLostStockCounterIsReportedAsUnitsLostToSaleAndRestored() throws Exception {
        long saleId = fixture.createSale(5, 1);
        SaleKeys keys = new SaleKeys(saleId);
        assertThat(fixture.purchase(saleId, "lost-a").status()).isEqualTo(202);
        assertThat(fixture.purchase(saleId, "lost-b").status()).isEqualTo(202);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.countOrders(saleId)).isEqualTo(2));

        fixture.redis().del(keys.stock());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(driftGauge(saleId)).isEqualTo(3.0));
        JsonNode report = report(saleId);
        assertThat(report.path("redisStock").isNull()).as(report.toString()).isTrue();
        assertThat(report.path("expectedRedisStock").asLong()).isEqualTo(3);
        assertThat(report.path("liveUnits").asLong()).isEqualTo(2);
        assertThat(report.path("drift").asLong()).isEqualTo(3);
        assertThat(report.path("buyers")).isEmpty();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(report(saleId).path("notQuiescent")).isEmpty());
        ApiResponse repaired = repair(saleId);
        assertThat(repaired.status()).as(repaired.toString()).isEqualTo(200);
        assertThat(fixture.redis().get(keys.stock())).isEqualTo("3");
        assertThat(fixture.redis().hgetall(keys.buyers())).isEqualTo(Map.of("lost-a", "1", "lost-b", "1"));
        assertThat(report(saleId).path("drift").asLong()).isZero();
    }

    @Test
    void anUnpaidOrderDueWithinTheQuietPeriodKeepsTheSaleMovingUntilItIsCancelled() throws Exception {
        long saleId = fixture.createSale(3, 1, 5);
        assertThat(fixture.purchase(saleId, "due-a").status()).isEqualTo(202);

        // From 3 s after the purchase (quiet) until the canceller takes the order after 5 s, only its
        // deadline keeps the sale from being repaired.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(report(saleId).path("notQuiescent")).extracting(JsonNode::asText)
                        .containsExactly("unpaid orders due for cancellation within 3 s: 1"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.queryLong("SELECT COUNT(*) FROM orders "
                + "WHERE sale_id = ? AND status = 'CANCELLED' AND stock_returned = 1", saleId)).isEqualTo(1));
        JsonNode settled = report(saleId);
        assertThat(settled.path("notQuiescent")).isEmpty();
        assertThat(settled.path("liveUnits").asLong()).isZero();
        assertThat(settled.path("redisStock").asLong()).isEqualTo(3);
        assertThat(settled.path("drift").asLong()).isZero();
    }

    @Test
    void reconciliationIsForAdminsOnly() {
        long saleId = fixture.createSale(1, 1);
        String path = "/api/admin/sales/" + saleId + "/reconciliation";

        assertThat(fixture.api().get(path, Map.of()).isProblem(401, "unauthenticated")).isTrue();
        assertThat(fixture.api().get(path, fixture.shopper("nosy")).isProblem(403, "forbidden")).isTrue();
        assertThat(post(path + "/repair", fixture.shopper("nosy")).isProblem(403, "forbidden")).isTrue();
        assertThat(fixture.api().get("/api/admin/sales/987654321/reconciliation", fixture.admin())
                .isProblem(404, "sale-not-found")).isTrue();
    }

    private JsonNode report(long saleId) {
        ApiResponse report = fixture.api().get("/api/admin/sales/" + saleId + "/reconciliation", fixture.admin());
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        return report.body();
    }

    private ApiResponse repair(long saleId) {
        return post("/api/admin/sales/" + saleId + "/reconciliation/repair", fixture.admin());
    }

    private ApiResponse post(String path, Map<String, String> headers) {
        return fixture.api().sendAsync(fixture.api().request(path, headers).POST(HttpRequest.BodyPublishers.noBody())).join();
    }

    /** Each drifted buyer as {@code "<user> <units in Redis>/<units expected>"}, in the report's order. */
    private static List<String> buyers(JsonNode report) {
        List<String> buyers = new ArrayList<>();
        report.path("buyers").forEach(buyer -> buyers.add(buyer.path("userId").asText() + " "
                + buyer.path("inRedis").asLong() + "/" + buyer.path("expected").asLong()));
        return buyers;
    }

    /** The gauge {@code seckill.reconciliation.drift} of the sale, from seckill-service's metrics. */
    private double driftGauge(long saleId) {
        ApiResponse metric = seckillDirect.get("/actuator/metrics/seckill.reconciliation.drift?tag=sale:" + saleId, Map.of());
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        return metric.body().path("measurements").path(0).path("value").asDouble();
    }
}
