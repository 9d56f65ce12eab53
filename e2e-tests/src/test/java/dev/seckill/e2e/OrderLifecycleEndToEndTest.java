package dev.seckill.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seckill.contract.SaleKeys;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * After the purchase: paying, unpaid orders cancelled at their deadline with their units back on
 * sale exactly once (also when the canceller dies half-way and when a payment races it), and the
 * shopper's history. Through the gateway, on the three services as processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderLifecycleEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Long enough to buy, write and pay 200 orders on a slow machine, short enough to wait out. */
    private static final int PAYMENT_WINDOW_SECONDS = 15;

    private PlatformFixture fixture;
    private ApiClient consumerDirect;

    @BeforeAll
    void startPlatform() {
        fixture = PlatformFixture.start(SharedServers.get(), getClass().getSimpleName());
        consumerDirect = new ApiClient(fixture.platform().consumer().url());
    }

    @AfterAll
    void stopPlatform() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void sixtyPaidFortyExpiredPutFortyUnitsBackOnceAndFreeTheirBuyers() throws SQLException {
        long saleId = fixture.createSale(100, 1, PAYMENT_WINDOW_SECONDS);
        List<String> orders = buyAndAwaitCreated(saleId, 100, "pay-");
        double chargesBefore = charges();

        List<ApiResponse> paid = fixture.api().all(60, i -> payAsync(orders.get(i), "pay-" + i));
        assertThat(paid).allSatisfy(answer -> assertThat(answer.text("status")).as(answer.toString()).isEqualTo("PAID"));
        ApiResponse again = pay(orders.get(0), "pay-0");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("paymentRef")).isEqualTo(paid.get(0).text("paymentRef"));
        assertThat(pay(orders.get(0), "pay-1").isProblem(404, "order-not-found")).isTrue();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cancelledAndReturned(saleId)).isEqualTo(40));
        assertThat(countByStatus(saleId, "PAID")).isEqualTo(60);
        assertThat(fixture.stockLeft(saleId)).isEqualTo(40);
        assertThat(fixture.redis().hlen(new SaleKeys(saleId).buyers())).isEqualTo(60);
        assertThat(fixture.orderStatus(orders.get(99), "pay-99")).isEqualTo("CANCELLED");
        assertThat(fixture.orderStatus(orders.get(0), "pay-0")).isEqualTo("PAID");
        assertThat(pay(orders.get(99), "pay-99").isProblem(409, "order-cancelled")).isTrue();
        assertThat(charges() - chargesBefore).isEqualTo(60);

        // A canceller that died after giving the units back but before recording it leaves the rows
        // at stock_returned = 0; the next pass finishes them and gives nothing back a second time.
        assertThat(fixture.update("UPDATE orders SET stock_returned = 0 WHERE sale_id = ? AND status = 'CANCELLED'", saleId))
                .isEqualTo(40);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cancelledAndReturned(saleId)).isEqualTo(40));
        assertThat(fixture.stockLeft(saleId)).isEqualTo(40);
        assertThat(fixture.redis().hlen(new SaleKeys(saleId).buyers())).isEqualTo(60);

        ApiResponse buyAgain = fixture.purchase(saleId, "pay-99");
        assertThat(buyAgain.status()).as(buyAgain.toString()).isEqualTo(202);
        assertThat(fixture.purchase(saleId, "pay-0").isProblem(409, "limit-reached")).isTrue();
        assertThat(fixture.stockLeft(saleId)).isEqualTo(39);
    }

    @Test
    void aCancellationCommittedBeforeTheCancellerDiedStillReturnsItsUnits() throws SQLException {
        long saleId = fixture.createSale(3, 1, 3600);
        List<String> orders = buyAndAwaitCreated(saleId, 3, "crash-");

        // What the canceller's transaction leaves when the replica dies before the Redis step.
        fixture.update("UPDATE orders SET status = 'CANCELLED', stock_returned = 0 WHERE id = ?", uuid(orders.get(0)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cancelledAndReturned(saleId)).isEqualTo(1));
        assertThat(fixture.stockLeft(saleId)).isEqualTo(1);
        assertThat(fixture.orderStatus(orders.get(0), "crash-0")).isEqualTo("CANCELLED");
        assertThat(fixture.redis().hexists(new SaleKeys(saleId).buyers(), "crash-0")).isFalse();
    }

    @Test
    void paymentsRacingTheCancellerAtTheDeadlineEndPaidOrCancelledNeverBoth() throws SQLException {
        long saleId = fixture.createSale(200, 1, PAYMENT_WINDOW_SECONDS);
        List<String> orders = buyAndAwaitCreated(saleId, 200, "race-");
        // Deadlines spread over the time the 200 purchases took; payments are spread from before the
        // first deadline to after the last one, while the canceller passes every second: both sides win some.
        String millis = "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', %s(pay_by)) DIV 1000 FROM orders WHERE sale_id = ?";
        Instant firstDeadline = Instant.ofEpochMilli(fixture.queryLong(millis.formatted("MIN"), saleId));
        long spreadMillis = fixture.queryLong(millis.formatted("MAX"), saleId) - firstDeadline.toEpochMilli() + 1000;
        double chargesBefore = charges();
        Instant firstPayment = firstDeadline.minusMillis(300);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> Instant.now().isAfter(firstPayment));

        List<ApiResponse> answers = fixture.api().all(200, i -> CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(spreadMillis * i / 200, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> payAsync(orders.get(i), "race-" + i)));

        Set<String> paidByAnswer = IntStream.range(0, 200).filter(i -> answers.get(i).status() == 200)
                .mapToObj(orders::get).collect(Collectors.toSet());
        assertThat(paidByAnswer).as("payments that beat the deadline").isNotEmpty().hasSizeLessThan(200);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status() == 200
                || answer.isProblem(409, "order-cancelled") || answer.isProblem(409, "payment-window-closed"))
                .as(answer.toString()).isTrue());
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(cancelledAndReturned(saleId)).isEqualTo(200 - paidByAnswer.size()));
        assertThat(countByStatus(saleId, "PAID")).isEqualTo(paidByAnswer.size());
        assertThat(fixture.queryLong("SELECT COUNT(*) FROM orders WHERE sale_id = ? AND paid_at IS NOT NULL "
                + "AND cancelled_at IS NOT NULL", saleId)).isZero();
        for (int i = 0; i < 200; i++) {
            String expected = paidByAnswer.contains(orders.get(i)) ? "PAID" : "CANCELLED";
            assertThat(fixture.queryLong("SELECT COUNT(*) FROM orders WHERE id = ? AND status = ?", uuid(orders.get(i)), expected))
                    .as(orders.get(i)).isEqualTo(1);
            assertThat(fixture.orderStatus(orders.get(i), "race-" + i)).as(orders.get(i)).isEqualTo(expected);
        }
        assertThat(fixture.stockLeft(saleId)).isEqualTo(200 - paidByAnswer.size());
        assertThat(fixture.redis().hlen(new SaleKeys(saleId).buyers())).isEqualTo(paidByAnswer.size());
        assertThat(charges() - chargesBefore).isEqualTo(paidByAnswer.size());
    }

    @Test
    void aShopperPagesThroughTheirOwnOrdersNewestFirst() {
        List<String> bought = new ArrayList<>();
        // Two sales, two orders each: within the gateway's purchase limit per shopper.
        for (int sale = 0; sale < 2; sale++) {
            long saleId = fixture.createSale(10, 2);
            bought.addAll(buyAndAwaitCreated(saleId, 1, "history-"));
            bought.add(fixture.purchase(saleId, "history-0").text("orderId"));
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(bought)
                .allSatisfy(order -> assertThat(fixture.orderStatus(order, "history-0")).isEqualTo("CREATED")));

        List<String> seen = new ArrayList<>();
        List<String> placedAt = new ArrayList<>();
        String path = "/api/orders?mine&limit=3";
        int pages = 0;
        while (path != null) {
            ApiResponse page = fixture.api().get(path, fixture.shopper("history-0"));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.body().path("orders").forEach(order -> {
                seen.add(order.path("orderId").asText());
                placedAt.add(order.path("placedAt").asText());
            });
            JsonNode next = page.body().path("next");
            path = next.isNull() || next.isMissingNode() ? null : "/api/orders?mine&limit=3&before=" + next.asText();
            pages++;
        }

        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(bought).doesNotHaveDuplicates();
        assertThat(placedAt.stream().map(Instant::parse).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(fixture.api().get("/api/orders?mine", fixture.shopper("history-nobody")).body().path("orders")).isEmpty();
        assertThat(fixture.api().get("/api/orders?mine&limit=0", fixture.shopper("history-0")).isProblem(400, "invalid-request")).isTrue();
        assertThat(fixture.api().get("/api/orders?mine&before=" + bought.get(0), fixture.shopper("history-1"))
                .isProblem(400, "invalid-request")).isTrue();
    }

    /** {@code count} shoppers {@code <prefix>0..} buy one each; answers their order ids once all are CREATED in MySQL. */
    private List<String> buyAndAwaitCreated(long saleId, int count, String prefix) {
        List<ApiResponse> answers = fixture.api().all(count, i -> fixture.purchaseAsync(saleId, prefix + i));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(202));
        List<String> orders = answers.stream().map(answer -> answer.text("orderId")).toList();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(countByStatus(saleId, "CREATED")).isEqualTo(count));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(IntStream.range(0, count)
                .mapToObj(i -> fixture.orderStatus(orders.get(i), prefix + i))).containsOnly("CREATED"));
        return orders;
    }

    private ApiResponse pay(String orderId, String userId) {
        return payAsync(orderId, userId).join();
    }

    private CompletableFuture<ApiResponse> payAsync(String orderId, String userId) {
        return fixture.api().sendAsync(fixture.api().request("/api/orders/" + orderId + "/payment", fixture.shopper(userId))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    private long countByStatus(long saleId, String status) throws SQLException {
        return fixture.queryLong("SELECT COUNT(*) FROM orders WHERE sale_id = ? AND status = ?", saleId, status);
    }

    private long cancelledAndReturned(long saleId) throws SQLException {
        return fixture.queryLong("SELECT COUNT(*) FROM orders WHERE sale_id = ? AND status = 'CANCELLED' AND stock_returned = 1",
                saleId);
    }

    /** Charges the fake provider made so far, from order-consumer's metrics. */
    private double charges() {
        ApiResponse metric = consumerDirect.get("/actuator/metrics/seckill.payments.charges", Map.of());
        return metric.status() == 404 ? 0 : metric.body().path("measurements").path(0).path("value").asDouble();
    }

    private static String uuid(String orderId) {
        return orderId.substring(orderId.indexOf('-') + 1);
    }
}
