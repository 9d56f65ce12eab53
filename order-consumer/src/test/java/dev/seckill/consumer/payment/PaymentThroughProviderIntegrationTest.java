package dev.seckill.consumer.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.consumer.ApiTestBase;
import dev.seckill.consumer.payment.StubPaymentServer.Answer;
import dev.seckill.contract.OrderId;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Paying through the HTTP adapter on real MariaDB and Redis, with the payment service a stub: a
 * decline and an unconfirmed charge both leave the order payable, and paying again after a lost
 * answer makes it PAID under the one charge the provider made.
 */
class PaymentThroughProviderIntegrationTest extends ApiTestBase {

    private static final StubPaymentServer PROVIDER = new StubPaymentServer();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("seckill.payment.provider", () -> "http");
        registry.add("seckill.payment.http.url", () -> PROVIDER.url().toString());
        registry.add("seckill.payment.http.read-timeout", () -> "500ms");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void aDeclineIs402AndTheOrderStaysPayable() {
        OrderId order = createdOrder("decliner");
        PROVIDER.answer(request -> Answer.json(402, "{\"orderId\":\"" + request.path("orderId").asText()
                + "\",\"status\":\"declined\",\"reason\":\"insufficient funds\"}"));

        ApiResponse declined = pay(order, "decliner");

        assertThat(declined.isProblem(402, "payment-declined")).as(declined.toString()).isTrue();
        assertThat(declined.text("detail")).contains("insufficient funds");
        assertThat(status(order)).isEqualTo("CREATED");
    }

    @Test
    void aLostAnswerIsPendingAndPayingAgainIsPaidUnderTheOneCharge() {
        OrderId order = createdOrder("unlucky");
        PROVIDER.answer(PROVIDER::approve);
        int chargesBefore = PROVIDER.charges();
        PROVIDER.holdAnswers();

        ApiResponse pending = pay(order, "unlucky");

        assertThat(pending.isProblem(409, "payment-pending")).as(pending.toString()).isTrue();
        assertThat(PROVIDER.charges() - chargesBefore).as("the provider did charge").isEqualTo(1);
        assertThat(status(order)).isEqualTo("CREATED");
        PROVIDER.releaseAnswers();

        ApiResponse paid = pay(order, "unlucky");

        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.text("status")).isEqualTo("PAID");
        assertThat(paid.text("paymentRef")).startsWith("ch_");
        assertThat(PROVIDER.charges() - chargesBefore).isEqualTo(1);
        assertThat(status(order)).isEqualTo("PAID");
    }

    private OrderId createdOrder(String userId) {
        long saleId = newSaleId();
        OrderId order = purchase(saleId, userId);
        Instant placedAt = Instant.now();
        insertRow(order, userId, 1, "12.50", "CREATED", placedAt, placedAt.plus(Duration.ofMinutes(15)));
        return order;
    }

    private ApiResponse pay(OrderId order, String userId) {
        return post("/api/orders/" + order + "/payment", userId);
    }

    private String status(OrderId order) {
        return jdbc.queryForObject("SELECT status FROM orders WHERE id = ?", String.class, order.uuid().toString());
    }
}
