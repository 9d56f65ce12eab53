package dev.seckill.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.contract.SaleKeys;
import dev.seckill.infra.server.Servers;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole purchase path through the public API: gateway → seckill-service → Redis Lua → outbox
 * relay → Kafka → order-consumer → MySQL, the three services as processes of their own. Subclasses
 * say where the servers run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FlashSaleScenarios {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private PlatformFixture fixture;

    /** The servers the services run against; started by the platform if they are not yet. */
    abstract Servers servers();

    /** Whether the servers belong to this test class alone, and so stop with it. */
    boolean ownsServers() {
        return false;
    }

    @BeforeAll
    void startPlatform() {
        fixture = PlatformFixture.start(servers(), getClass().getSimpleName());
    }

    @AfterAll
    void stopPlatform() {
        if (fixture != null) {
            fixture.close();
            if (ownsServers()) {
                servers().stopAll();
            }
        }
    }

    @Test
    void fiveHundredShoppersForFiftyItemsMakeExactlyFiftyOrdersInMySql() throws SQLException {
        long saleId = fixture.createSale(50, 1);

        List<ApiResponse> answers = fixture.api().all(500, i -> fixture.purchaseAsync(saleId, "shopper-" + i));

        // One assertion over all answers, so a failure shows every kind of answer at once.
        assertThat(answerKinds(answers)).isEqualTo(Map.of("202", 50L, "409 sold-out", 450L));
        assertThat(fixture.stockLeft(saleId)).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.countOrders(saleId)).isEqualTo(50));
        assertThat(fixture.distinctBuyers(saleId)).isEqualTo(50);
        List<Integer> accepted = IntStream.range(0, answers.size()).filter(i -> answers.get(i).status() == 202).boxed().toList();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(accepted).allSatisfy(i -> assertThat(
                fixture.orderStatus(answers.get(i).text("orderId"), "shopper-" + i)).isEqualTo("CREATED")));
        assertThat(fixture.api().get("/api/sales/" + saleId, Map.of()).body().path("stockLeft").asLong()).isZero();
    }

    @Test
    void aSecondPurchaseBySameShopperIsRefusedAndChangesNothing() throws SQLException {
        long saleId = fixture.createSale(10, 1);
        ApiResponse first = fixture.purchase(saleId, "repeat-buyer");
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.text("status")).isEqualTo("PENDING");
        await().atMost(PATIENCE).until(() -> fixture.orderStatus(first.text("orderId"), "repeat-buyer").equals("CREATED"));

        ApiResponse second = fixture.purchase(saleId, "repeat-buyer");

        assertThat(second.isProblem(409, "limit-reached")).as(second.toString()).isTrue();
        assertThat(fixture.stockLeft(saleId)).isEqualTo(9);
        assertThat(fixture.redis().hget(new SaleKeys(saleId).buyers(), "repeat-buyer")).isEqualTo("1");
        assertThat(fixture.countOrders(saleId)).isEqualTo(1);
    }

    @Test
    void refusalsThroughTheGatewayAreProblemDetails() {
        long saleId = fixture.createSale(3, 1);
        Map<String, String> user = fixture.shopper("picky");
        String purchases = "/api/sales/" + saleId + "/purchases";

        assertThat(fixture.api().postJson("/api/sales/987654321/purchases", user, "{\"quantity\":1}")
                .isProblem(404, "sale-not-found")).isTrue();
        assertThat(fixture.api().postJson(purchases, user, "{\"quantity\":0}").isProblem(400, "invalid-request")).isTrue();
        assertThat(fixture.api().postJson("/api/sales/x1/purchases", user, "{\"quantity\":1}")
                .isProblem(400, "invalid-request")).isTrue();
        assertThat(fixture.api().postJson(purchases, Map.of("X-User-Id", "picky"), "{\"quantity\":1}")
                .isProblem(401, "unauthenticated")).isTrue();
        assertThat(fixture.api().get("/api/orders/nope", user).isProblem(400, "invalid-request")).isTrue();
        assertThat(fixture.stockLeft(saleId)).isEqualTo(3);
    }

    /** "202", "409 sold-out", "503 service-unavailable" ... with how often each came. */
    private static Map<String, Long> answerKinds(List<ApiResponse> answers) {
        return answers.stream().collect(Collectors.groupingBy(answer -> answer.status() == 202
                ? "202"
                : answer.status() + " " + answer.text("type").replace("urn:seckill:problem:", ""),
                TreeMap::new, Collectors.counting()));
    }
}
