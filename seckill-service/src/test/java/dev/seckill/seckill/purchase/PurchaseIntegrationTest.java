package dev.seckill.seckill.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.SaleKeys;
import dev.seckill.contract.OrderStatus;
import dev.seckill.contract.SaleScripts;
import dev.seckill.seckill.sale.RedisSales;
import dev.seckill.seckill.sale.Sale;
import dev.seckill.seckill.sale.SaleState;
import dev.seckill.seckill.sale.SoldUnits;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The purchase decision and the outbox relay on real Redis, Kafka and MariaDB, through HTTP. The
 * sold-out recheck is put off for an hour, so that only a stock event can drop a flag here; the
 * recheck, the fallback for a missed event, is tested in {@code SoldOutFlagsIntegrationTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seckill.sale.sold-out-recheck=1h")
class PurchaseIntegrationTest {

    /** The script this service publishes for order-consumer to give a FAILED or CANCELLED order's units back. */
    private static final RedisScript<String> RELEASE_STOCK = RedisScript.of(SaleScripts.RELEASE_STOCK, String.class);

    /** What the gateway would present; the service takes the user id header only with it. */
    static final String INTERNAL_TOKEN = UUID.randomUUID().toString();
    /** The gateway names the admin behind every admin call. */
    static final Map<String, String> ADMIN = Map.of("X-User-Id", "ops");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SharedServers.get().serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("seckill.internal.token", () -> INTERNAL_TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RedisSales sales;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(URI.create("http://127.0.0.1:" + port)).withHeaders(Map.of("X-Internal-Token", INTERNAL_TOKEN));
    }

    @Test
    void sellsExactlyTheStockToConcurrentShoppersAndRelaysEveryOrderToKafka() {
        long saleId = createSale(100, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);

        List<ApiResponse> answers = api.all(2_000, i -> purchaseAsync(saleId, "user-" + i, null, 1));

        List<ApiResponse> accepted = answers.stream().filter(a -> a.status() == 202).toList();
        assertThat(accepted).hasSize(100);
        assertThat(answers.stream().filter(a -> a.isProblem(409, "sold-out"))).hasSize(1_900);
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("0");
        assertThat(redis.opsForHash().size(new SaleKeys(saleId).buyers())).isEqualTo(100);

        Set<String> orderIds = accepted.stream().map(a -> a.text("orderId")).collect(Collectors.toSet());
        assertThat(orderIds).hasSize(100).allSatisfy(id -> assertThat(OrderId.parse(id).saleId()).isEqualTo(saleId));
        assertThat(orderIdsOnKafka(saleId, orderIds.size())).isEqualTo(orderIds);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(redis.opsForStream().size(new SaleKeys(saleId).outbox())).isZero());
    }

    @Test
    void aSecondPurchaseBySameShopperIsRefusedAndChangesNothing() {
        long saleId = createSale(10, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);
        assertThat(purchase(saleId, "alice", null, 1).status()).isEqualTo(202);

        ApiResponse second = purchase(saleId, "alice", null, 1);

        assertThat(second.isProblem(409, "limit-reached")).as(second.toString()).isTrue();
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("9");
        assertThat(redis.opsForHash().get(new SaleKeys(saleId).buyers(), "alice")).isEqualTo("1");
    }

    @Test
    void oneShopperFiringFiftyRequestsAtOnceGetsNoMoreThanTheLimit() {
        long saleId = createSale(100, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 2);

        List<ApiResponse> answers = api.all(50, i -> purchaseAsync(saleId, "greedy", null, 1));

        assertThat(answers.stream().filter(a -> a.status() == 202)).hasSize(2);
        assertThat(answers.stream().filter(a -> a.isProblem(409, "limit-reached"))).hasSize(48);
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("98");
        assertThat(redis.opsForHash().get(new SaleKeys(saleId).buyers(), "greedy")).isEqualTo("2");
    }

    @Test
    void aClosedSaleTakesNoMorePurchases() {
        long saleId = createSale(10, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);
        assertThat(purchase(saleId, "ivan", null, 1).status()).isEqualTo(202);

        ApiResponse closed = api.postJson("/api/admin/sales/" + saleId + "/close", ADMIN, "");

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.text("state")).isEqualTo("CLOSED");
        assertThat(purchase(saleId, "judy", null, 1).isProblem(409, "sale-closed")).isTrue();
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("9");
        assertThat(api.postJson("/api/admin/sales/987654321/close", ADMIN, "").isProblem(404, "sale-not-found")).isTrue();
    }

    @Test
    void aWarmWithACopyReadBeforeTheCloseDoesNotOpenTheSaleAgain() {
        long saleId = createSale(10, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);
        Sale readBeforeTheClose = sales.find(saleId).orElseThrow();
        assertThat(readBeforeTheClose.state()).isEqualTo(SaleState.OPEN);
        assertThat(api.postJson("/api/admin/sales/" + saleId + "/close", ADMIN, "").status()).isEqualTo(200);

        sales.warm(readBeforeTheClose, () -> new SoldUnits(0, Map.of()));

        assertThat(redis.opsForHash().get(new SaleKeys(saleId).sale(), "state")).isEqualTo("CLOSED");
        assertThat(purchase(saleId, "mallory", null, 1).isProblem(409, "sale-closed")).isTrue();
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("10");
    }

    @Test
    void aUnitGivenBackIsSoldAgainAsSoonAsItsStockEventArrives() {
        long saleId = createSaleHeardInStock(1);
        try (StockEventsHeard events = StockEventsHeard.on(redis.getRequiredConnectionFactory(), saleId)) {
            ApiResponse kims = purchase(saleId, "kim", null, 1);
            assertThat(kims.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.messages().contains(saleId + ":0"));
            double refusedLocally = purchases("sold_out_local");
            assertThat(purchase(saleId, "lee", null, 1).isProblem(409, "sold-out")).isTrue();
            assertThat(purchases("sold_out_local")).as("the flag is set").isEqualTo(refusedLocally + 1);

            SaleScripts.Call cancelKims = SaleScripts.releaseStock(OrderId.parse(kims.text("orderId")), Duration.ofMinutes(1),
                    OrderStatus.CANCELLED, OrderStatus.PENDING, OrderStatus.CREATED);
            assertThat(redis.execute(RELEASE_STOCK, cancelKims.keys(), cancelKims.args().toArray())).isEqualTo("PENDING");
            assertThat(redis.opsForHash().hasKey(new SaleKeys(saleId).buyers(), "kim")).as("kim's unit no longer counts").isFalse();

            await().atMost(Duration.ofSeconds(10)).until(() -> purchase(saleId, "lee", null, 1).status() == 202);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(events.messages()).containsExactly(saleId + ":0", saleId + ":1", saleId + ":0"));
        }
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("0");
        assertThat(meters.get("seckill.sale.sold-out.recheck.cleared").counter().count()).isZero();
    }

    @Test
    void settingASalesStockCounterPublishesTheStockLeft() {
        try (StockEventsHeard events = StockEventsHeard.on(redis.getRequiredConnectionFactory(), null)) {
            long saleId = createSale(3, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);

            await().atMost(Duration.ofSeconds(10)).until(() -> events.messages().contains(saleId + ":3"));
        }
    }

    @Test
    void theSameIdempotencyKeyMakesOneOrderAndTheSameAnswer() {
        long saleId = createSale(10, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);
        String key = UUID.randomUUID().toString();

        List<ApiResponse> answers = api.all(20, i -> purchaseAsync(saleId, "bob", key, 1));

        assertThat(answers).extracting(ApiResponse::status).containsOnly(202);
        assertThat(answers.stream().map(ApiResponse::body).distinct()).hasSize(1);
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("9");
    }

    @Test
    void aReplayAfterTheSellOutGetsTheOriginalOrderThoughTheSoldOutFlagAnswersEveryoneElse() {
        long saleId = createSaleHeardInStock(1);
        String key = UUID.randomUUID().toString();
        ApiResponse bought = purchase(saleId, "nina", key, 1);
        assertThat(bought.status()).as(bought.toString()).isEqualTo(202);

        // The last unit went: the flag is set, and a shopper without a key is refused without the script.
        double refusedLocally = purchases("sold_out_local");
        long scriptCalls = scriptCalls();
        assertThat(purchase(saleId, "oscar", null, 1).isProblem(409, "sold-out")).isTrue();
        assertThat(purchases("sold_out_local")).isEqualTo(refusedLocally + 1);

        ApiResponse replay = purchase(saleId, "nina", key, 1);
        ApiResponse otherKey = purchase(saleId, "nina", UUID.randomUUID().toString(), 1);

        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertThat(replay.body()).isEqualTo(bought.body());
        assertThat(otherKey.isProblem(409, "sold-out")).as(otherKey.toString()).isTrue();
        assertThat(purchases("sold_out_local")).isEqualTo(refusedLocally + 2);
        assertThat(scriptCalls()).isEqualTo(scriptCalls);
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("0");
    }

    @Test
    void quantityAboveOneIsTakenFromStockAndCountsTowardsTheLimit() {
        long saleId = createSale(5, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 3);

        assertThat(purchase(saleId, "carol", null, 3).status()).isEqualTo(202);
        assertThat(purchase(saleId, "carol", null, 1).isProblem(409, "limit-reached")).isTrue();
        assertThat(purchase(saleId, "dave", null, 3).isProblem(409, "insufficient-stock")).isTrue();
        assertThat(purchase(saleId, "dave", null, 2).status()).isEqualTo(202);
        assertThat(purchase(saleId, "erin", null, 1).isProblem(409, "sold-out")).isTrue();
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("0");
    }

    @Test
    void salesOutsideTheirWindowOrUnknownAreRefusedWithoutTouchingRedis() {
        long future = createSale(5, Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200), 1);
        long past = createSale(5, Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600), 1);

        assertThat(purchase(future, "frank", null, 1).isProblem(409, "sale-not-started")).isTrue();
        assertThat(purchase(past, "frank", null, 1).isProblem(409, "sale-ended")).isTrue();
        assertThat(purchase(987_654_321L, "frank", null, 1).isProblem(404, "sale-not-found")).isTrue();
        for (long saleId : List.of(future, past)) {
            assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("5");
            assertThat(redis.hasKey(new SaleKeys(saleId).buyers())).isFalse();
            assertThat(redis.opsForStream().size(new SaleKeys(saleId).outbox())).isZero();
        }
    }

    @Test
    void badInputGetsA400ProblemAndChangesNothing() {
        long saleId = createSale(5, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);
        String path = "/api/sales/" + saleId + "/purchases";
        Map<String, String> user = Map.of("X-User-Id", "grace");

        List<ApiResponse> answers = List.of(
                api.postJson(path, user, "{\"quantity\":0}"),
                api.postJson(path, user, "{\"quantity\":-1}"),
                api.postJson(path, user, "{\"quantity\":1000000}"),
                api.postJson(path, user, "{\"quantity\":\"one\"}"),
                api.postJson(path, user, "{\"quantity\":1.5}"),
                api.postJson(path, user, "{}"),
                api.postJson(path, user, "{\"quantity\":1,\"price\":0}"),
                api.postJson(path, user, "not json"),
                api.postJson(path, Map.of(), "{\"quantity\":1}"),
                api.postJson(path, Map.of("X-User-Id", "white space"), "{\"quantity\":1}"),
                api.postJson(path, Map.of("X-User-Id", "grace", "Idempotency-Key", "x".repeat(65)), "{\"quantity\":1}"),
                api.postJson("/api/sales/abc/purchases", user, "{\"quantity\":1}"),
                api.postJson("/api/sales/-5/purchases", user, "{\"quantity\":1}"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("5");
        assertThat(redis.hasKey(new SaleKeys(saleId).buyers())).isFalse();
    }

    @Test
    void callsThatDidNotComeThroughTheGatewayAreRefusedAndChangeNothing() {
        long saleId = createSale(5, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);
        ApiClient direct = new ApiClient(URI.create("http://127.0.0.1:" + port));
        String path = "/api/sales/" + saleId + "/purchases";

        List<ApiResponse> answers = List.of(
                direct.postJson(path, Map.of("X-User-Id", "ivan"), "{\"quantity\":1}"),
                direct.postJson(path, Map.of("X-User-Id", "ivan", "X-Internal-Token", "guess-" + INTERNAL_TOKEN), "{\"quantity\":1}"),
                direct.get("/api/sales/" + saleId, Map.of()));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.isProblem(401, "unauthenticated")).as(answer.toString()).isTrue());
        assertThat(redis.opsForValue().get(new SaleKeys(saleId).stock())).isEqualTo("5");
        assertThat(redis.hasKey(new SaleKeys(saleId).buyers())).isFalse();
    }

    @Test
    void anOrderIsVisibleToItsShopperOnly() {
        long saleId = createSale(5, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);
        String orderId = purchase(saleId, "heidi", null, 1).text("orderId");

        ApiResponse own = api.get("/api/orders/" + orderId, Map.of("X-User-Id", "heidi"));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.text("status")).isIn("PENDING", "CREATED");
        assertThat(own.body().path("saleId").asLong()).isEqualTo(saleId);
        assertThat(own.body().path("quantity").asInt()).isEqualTo(1);

        assertThat(api.get("/api/orders/" + orderId, Map.of("X-User-Id", "mallory")).isProblem(404, "order-not-found"))
                .isTrue();
        assertThat(api.get("/api/orders/not-an-id", Map.of("X-User-Id", "heidi")).isProblem(400, "invalid-request"))
                .isTrue();
    }

    @Test
    void operatorsSeeStockLeftOutboxDepthAndScriptLatency() {
        long saleId = createSale(7, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);
        assertThat(purchase(saleId, "olga", null, 1).status()).isEqualTo(202);
        String sale = Long.toString(saleId);

        // The gauges are refreshed on a schedule; until the first refresh after the sale they are absent.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(meters.get("seckill.sale.stock.left").tag("sale", sale).gauge().value()).isEqualTo(6.0);
            assertThat(meters.get("seckill.outbox.pending").tag("sale", sale).gauge().value()).isZero();
        });
        assertThat(meters.get("seckill.purchase.script").timer().count()).isPositive();
        assertThat(meters.get("seckill.outbox.relay.lag").gauge().value()).isGreaterThanOrEqualTo(0.0);
    }

    private long createSale(int stock, Instant startAt, Instant endAt, int perUserLimit) {
        ApiResponse created = api.postJson("/api/admin/sales", ADMIN, """
                {"skuId":"SKU-1","title":"Test sale","price":19.90,"stock":%d,
                 "startAt":"%s","endAt":"%s","perUserLimit":%d}""".formatted(stock, startAt, endAt, perUserLimit));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().path("saleId").asLong();
    }

    /**
     * A sale open now, once the service has applied the stock event its creation published: arriving
     * after the sale's first purchase, that "in stock" would drop the flag the purchase set.
     */
    private long createSaleHeardInStock(int stock) {
        double heard = meters.get("seckill.sale.stock.events").counter().count();
        long saleId = createSale(stock, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("seckill.sale.stock.events").counter().count() > heard);
        return saleId;
    }

    private ApiResponse purchase(long saleId, String userId, String idempotencyKey, int quantity) {
        return purchaseAsync(saleId, userId, idempotencyKey, quantity).join();
    }

    private java.util.concurrent.CompletableFuture<ApiResponse> purchaseAsync(
            long saleId, String userId, String idempotencyKey, int quantity) {
        Map<String, String> headers = idempotencyKey == null
                ? Map.of("X-User-Id", userId)
                : Map.of("X-User-Id", userId, "Idempotency-Key", idempotencyKey);
        return api.postJsonAsync("/api/sales/" + saleId + "/purchases", headers, "{\"quantity\":" + quantity + "}");
    }

    private double purchases(String outcome) {
        return meters.get("seckill.purchases").tag("outcome", outcome).counter().count();
    }

    private long scriptCalls() {
        return meters.get("seckill.purchase.script").timer().count();
    }

    private Set<String> orderIdsOnKafka(long saleId, int expected) {
        Set<String> seen = new HashSet<>();
        OrderTopicReader.readUntil(record -> {
            if (record.key().startsWith(saleId + "-")) {
                seen.add(record.key());
            }
        }, () -> seen.size() >= expected);
        return seen;
    }
}
