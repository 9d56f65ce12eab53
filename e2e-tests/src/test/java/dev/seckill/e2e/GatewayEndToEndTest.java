package dev.seckill.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.contract.SaleKeys;
import dev.seckill.infra.platform.LocalTokens;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway in front of the real seckill-service: what it refuses never reaches the purchase
 * decision, the shopper is who the token says whatever headers they add, and a stopped service is a
 * quick 503 until it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayEndToEndTest {

    private static final String ONE = "{\"quantity\":1}";

    private PlatformFixture fixture;
    private ApiClient api;
    private final AtomicInteger shoppers = new AtomicInteger();

    @BeforeAll
    void startPlatform() {
        fixture = PlatformFixture.start(SharedServers.get(), getClass().getSimpleName());
        api = fixture.api();
    }

    @AfterAll
    void stopPlatform() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** One refused request: what is sent, and the answer expected (a {@code null} type: any problem type). */
    private record Case(String name, int status, String type, Function<Long, ApiResponse> send) {
    }

    @Test
    void badInputIsRefusedWithAProblemAndRecordsNoPurchase() throws SQLException {
        long saleId = fixture.createSale(5, 1);
        String purchases = "/api/sales/" + saleId + "/purchases";
        LocalTokens tokens = fixture.platform().tokens();
        List<Case> cases = new ArrayList<>(List.of(
                post("sale id not a number", 400, "invalid-request", "/api/sales/abc/purchases", ONE),
                post("sale id zero", 400, "invalid-request", "/api/sales/0/purchases", ONE),
                post("sale id negative", 400, "invalid-request", "/api/sales/-5/purchases", ONE),
                post("sale id in exponent form", 400, "invalid-request", "/api/sales/1e3/purchases", ONE),
                post("sale id beyond a long", 400, "invalid-request", "/api/sales/99999999999999999999/purchases", ONE),
                get("order id not an id", 400, "invalid-request", "/api/orders/not-an-id"),
                get("order id with a short uuid", 400, "invalid-request", "/api/orders/" + saleId + "-0190abcd"),
                get("sale id blank", 400, "invalid-request", "/api/sales/%20"),
                post("quantity zero", 400, "invalid-request", purchases, "{\"quantity\":0}"),
                post("quantity negative", 400, "invalid-request", purchases, "{\"quantity\":-1}"),
                post("quantity above the most", 400, "invalid-request", purchases, "{\"quantity\":101}"),
                post("quantity beyond a long", 400, "invalid-request", purchases, "{\"quantity\":99999999999999999999}"),
                post("quantity as text", 400, "invalid-request", purchases, "{\"quantity\":\"1\"}"),
                post("quantity fractional", 400, "invalid-request", purchases, "{\"quantity\":1.5}"),
                post("quantity boolean", 400, "invalid-request", purchases, "{\"quantity\":true}"),
                post("quantity null", 400, "invalid-request", purchases, "{\"quantity\":null}"),
                post("quantity missing", 400, "invalid-request", purchases, "{}"),
                post("unknown field naming another user", 400, "invalid-request", purchases, "{\"quantity\":1,\"userId\":\"victim\"}"),
                post("duplicate field", 400, "invalid-request", purchases, "{\"quantity\":1,\"quantity\":2}"),
                post("two JSON documents", 400, "invalid-request", purchases, "{\"quantity\":1}{\"quantity\":1}"),
                post("an array", 400, "invalid-request", purchases, "[1]"),
                post("not JSON", 400, "invalid-request", purchases, "quantity=1"),
                post("empty body", 400, "invalid-request", purchases, ""),
                new Case("invalid UTF-8", 400, "invalid-request", id -> send(purchases, shopper(), "application/json",
                        new byte[] {'{', '"', 'q', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})),
                new Case("idempotency key with a space", 400, "invalid-request",
                        id -> api.postJson(purchases, with(shopper(), "Idempotency-Key", "a b"), ONE)),
                new Case("idempotency key too long", 400, "invalid-request",
                        id -> api.postJson(purchases, with(shopper(), "Idempotency-Key", "k".repeat(65)), ONE)),
                new Case("text/plain body", 415, null, id -> send(purchases, shopper(), "text/plain", ONE.getBytes(StandardCharsets.UTF_8))),
                new Case("XML body", 415, null, id -> send(purchases, shopper(), "application/xml", "<quantity>1</quantity>".getBytes(StandardCharsets.UTF_8))),
                new Case("form body", 415, null, id -> send(purchases, shopper(), "application/x-www-form-urlencoded", "quantity=1".getBytes(StandardCharsets.UTF_8))),
                post("body over the size limit", 413, "payload-too-large", purchases,
                        "{\"quantity\":1,\"x\":\"" + "x".repeat(5_000) + "\"}"),
                new Case("no token", 401, "unauthenticated", id -> api.postJson(purchases, Map.of(), ONE)),
                new Case("only an X-User-Id header", 401, "unauthenticated", id -> api.postJson(purchases, Map.of("X-User-Id", "victim"), ONE)),
                new Case("expired token", 401, "unauthenticated", id -> api.postJson(purchases, ApiClient.bearer(
                        tokens.sign(nextShopper(), List.of(), Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1))), ONE)),
                new Case("token signed by an unknown key", 401, "unauthenticated", id -> api.postJson(purchases,
                        ApiClient.bearer(LocalTokens.withUntrustedKey().shopper(nextShopper())), ONE)),
                new Case("token whose subject is no user id", 401, "unauthenticated", id -> api.postJson(purchases,
                        ApiClient.bearer(tokens.shopper("o'brien; DROP")), ONE)),
                new Case("shopper creating a sale", 403, "forbidden", id -> api.postJson("/api/admin/sales", shopper(), sale("5.00", 5, 1))),
                new Case("sale ending before it starts", 400, "invalid-request", id -> api.postJson("/api/admin/sales", fixture.admin(),
                        """
                        {"skuId":"X","title":"t","price":1.00,"stock":1,"startAt":"2030-01-02T00:00:00Z",
                         "endAt":"2030-01-01T00:00:00Z","perUserLimit":1}""")),
                new Case("sale with negative stock", 400, "invalid-request", id -> api.postJson("/api/admin/sales", fixture.admin(), sale("5.00", -1, 1))),
                new Case("sale with a price as text", 400, "invalid-request", id -> api.postJson("/api/admin/sales", fixture.admin(), sale("\"cheap\"", 5, 1))),
                new Case("sale list limit zero", 400, "invalid-request", id -> api.get("/api/admin/sales?limit=0", fixture.admin())),
                new Case("PUT on purchases", 405, null, id -> api.sendAsync(api.request(purchases, with(shopper(), "Content-Type", "application/json"))
                        .PUT(HttpRequest.BodyPublishers.ofString(ONE))).join())));

        for (Case refused : cases) {
            ApiResponse answer = refused.send().apply(saleId);
            assertThat(answer.status()).as(refused.name() + ": " + answer).isEqualTo(refused.status());
            assertThat(answer.contentType()).as(refused.name()).startsWith("application/problem+json");
            if (refused.type() != null) {
                assertThat(answer.text("type")).as(refused.name()).isEqualTo("urn:seckill:problem:" + refused.type());
            }
            assertThat(answer.body().toString()).as(refused.name()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);

        SaleKeys keys = new SaleKeys(saleId);
        assertThat(fixture.redis().get(keys.stock())).isEqualTo("5");
        assertThat(fixture.redis().exists(keys.buyers())).isZero();
        assertThat(fixture.redis().xlen(keys.outbox())).isZero();
        assertThat(fixture.countOrders(saleId)).isZero();
    }

    @Test
    void theShopperIsWhoTheTokenSaysWhateverHeadersTheyAdd() {
        long saleId = fixture.createSale(5, 1);
        ApiResponse bought = fixture.purchase(saleId, "owner");
        assertThat(bought.status()).as(bought.toString()).isEqualTo(202);
        String order = "/api/orders/" + bought.text("orderId");

        assertThat(api.get(order, fixture.shopper("owner")).text("userId")).isEqualTo("owner");
        assertThat(api.get(order, fixture.shopper("thief")).isProblem(404, "order-not-found")).isTrue();
        assertThat(api.get(order, with(fixture.shopper("thief"), "X-User-Id", "owner")).isProblem(404, "order-not-found")).isTrue();

        ApiResponse spoofed = api.postJson("/api/sales/" + saleId + "/purchases", with(fixture.shopper("spoofer"), "X-User-Id", "owner"), ONE);
        assertThat(spoofed.status()).as(spoofed.toString()).isEqualTo(202);
        SaleKeys keys = new SaleKeys(saleId);
        assertThat(fixture.redis().hget(keys.buyers(), "owner")).isEqualTo("1");
        assertThat(fixture.redis().hget(keys.buyers(), "spoofer")).isEqualTo("1");
    }

    /**
     * The shopper's W3C trace context goes through the gateway and seckill-service into the order's
     * Kafka record (where order-consumer continues it): same trace id, a span id of the services' own,
     * and the shopper's sampling decision, sampled or not (the services sample a tenth on their own).
     */
    @Test
    void aPurchaseCarriesTheShoppersTraceThroughSeckillServiceIntoItsOrderEvent() {
        long saleId = fixture.createSale(5, 1);
        String shopperSpanId = "b7ad6b7169203331";
        try (OrderTopicTail orders = new OrderTopicTail(SharedServers.get().kafka().bootstrapServers())) {
            for (String flags : List.of("00", "01")) {
                String traceId = UUID.randomUUID().toString().replace("-", "");
                ApiResponse bought = api.postJson("/api/sales/" + saleId + "/purchases",
                        with(shopper(), "traceparent", "00-" + traceId + "-" + shopperSpanId + "-" + flags), ONE);
                assertThat(bought.status()).as(bought.toString()).isEqualTo(202);

                String[] traceparent = orders.headersOf(bought.text("orderId")).get("traceparent").split("-");
                assertThat(traceparent).as("flags " + flags).hasSize(4);
                assertThat(traceparent[1]).as("flags " + flags).isEqualTo(traceId);
                assertThat(traceparent[2]).as("flags " + flags).isNotEqualTo(shopperSpanId).isNotEqualTo("0".repeat(16));
                assertThat(traceparent[3]).isEqualTo(flags);
            }
        }
    }

    /**
     * Once seckill-service has answered a purchase "sold out", the gateway answers the next ones itself:
     * the same problem, and not one more purchase reaches seckill-service (its purchase counters stay
     * put). A shopper retrying with the Idempotency-Key of a purchase that was accepted still gets
     * the original order: such a replay always goes through.
     */
    @Test
    void aSoldOutSaleIsRefusedAtTheGatewayAndAReplayStillGetsItsOrder() {
        long saleId = fixture.createSale(1, 1);
        String purchases = "/api/sales/" + saleId + "/purchases";
        Map<String, String> first = with(fixture.shopper("sold-out-first"), "Idempotency-Key", "replay-" + saleId);
        ApiResponse bought = api.postJson(purchases, first, ONE);
        assertThat(bought.status()).as(bought.toString()).isEqualTo(202);
        ApiResponse soldOut = fixture.purchase(saleId, nextShopper());
        assertThat(soldOut.isProblem(409, "sold-out")).as(soldOut.toString()).isTrue();

        double reachedBefore = purchasesSeenBySeckillService();
        for (int i = 0; i < 10; i++) {
            ApiResponse answer = fixture.purchase(saleId, nextShopper());
            assertThat(answer.isProblem(409, "sold-out")).as(answer.toString()).isTrue();
            assertThat(answer.text("detail")).isEqualTo("Sale " + saleId + " is sold out");
        }
        assertThat(purchasesSeenBySeckillService()).as("purchases that reached seckill-service").isEqualTo(reachedBefore);

        ApiResponse replay = api.postJson(purchases, first, ONE);
        assertThat(purchasesSeenBySeckillService()).as("the replay went through the gateway to seckill-service")
                .isEqualTo(reachedBefore + 1);
        assertThat(replay.status()).as("seckill-service's answer to the replay: " + replay).isEqualTo(202);
        assertThat(replay.text("orderId")).isEqualTo(bought.text("orderId"));
    }

    /** Every purchase seckill-service decided or refused, whatever the outcome ({@code seckill.purchases}). */
    private double purchasesSeenBySeckillService() {
        ApiResponse scrape = new ApiClient(fixture.platform().seckill().url()).get("/actuator/prometheus", Map.of());
        assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
        return scrape.body().asText().lines()
                .filter(line -> line.startsWith("seckill_purchases_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aStoppedSeckillServiceIsAQuick503TheBreakerOpensAndClosesWhenItIsBack() {
        long saleId = fixture.createSale(1_000, 1);
        fixture.platform().seckill().stop();

        for (int i = 0; i < 12; i++) {
            long started = System.nanoTime();
            ApiResponse answer = fixture.purchase(saleId, nextShopper());
            assertThat(answer.isProblem(503, "service-unavailable")).as(answer.toString()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
        assertThat(breakerState()).isEqualTo("OPEN");

        fixture.restart(fixture.platform().seckill(), Map.of());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> fixture.purchase(saleId, nextShopper()).status() == 202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(fixture.purchase(saleId, nextShopper()).status()).isEqualTo(202);
            assertThat(breakerState()).isEqualTo("CLOSED");
        });
    }

    private String breakerState() {
        ApiResponse breakers = api.get("/actuator/circuitbreakers", fixture.admin());
        return breakers.body().path("circuitBreakers").path("seckill-service").path("state").asText();
    }

    private Case post(String name, int status, String type, String path, String body) {
        return new Case(name, status, type, id -> api.postJson(path, shopper(), body));
    }

    private Case get(String name, int status, String type, String path) {
        return new Case(name, status, type, id -> api.get(path, shopper()));
    }

    private ApiResponse send(String path, Map<String, String> headers, String contentType, byte[] body) {
        return api.sendAsync(api.request(path, with(headers, "Content-Type", contentType))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))).join();
    }

    /** A shopper of their own per request, so the per-user limit never answers in the table's place. */
    private Map<String, String> shopper() {
        return fixture.shopper(nextShopper());
    }

    private String nextShopper() {
        return "gw-shopper-" + shoppers.incrementAndGet();
    }

    private static String sale(String price, int stock, int perUserLimit) {
        return """
                {"skuId":"X","title":"t","price":%s,"stock":%d,"startAt":"2030-01-01T00:00:00Z",
                 "endAt":"2030-01-02T00:00:00Z","perUserLimit":%d}""".formatted(price, stock, perUserLimit);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return all;
    }
}
