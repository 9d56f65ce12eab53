package dev.seckill.consumer.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.consumer.ApiTestBase;
import dev.seckill.contract.OrderId;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Paying an order on real MariaDB and Redis: one charge per order, and none for an order that cannot be paid. */
class PaymentIntegrationTest extends ApiTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void payingTwiceChargesOnceAndAnswersTheFirstPaymentAgain() {
        long saleId = newSaleId();
        OrderId order = purchase(saleId, "payer");
        Instant placedAt = Instant.now();
        insertRow(order, "payer", 2, "12.50", "CREATED", placedAt, placedAt.plus(Duration.ofMinutes(15)));
        double chargesBefore = charges();

        ApiResponse first = pay(order, "payer");
        ApiResponse second = pay(order, "payer");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.text("status")).isEqualTo("PAID");
        assertThat(first.body().path("amount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(charges() - chargesBefore).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM orders WHERE id = ?", String.class, order.uuid().toString()))
                .isEqualTo("PAID");
        assertThat(redis.opsForHash().get(statusKey(order), "status")).isEqualTo("PAID");
        assertThat(pay(order, "someone-else").isProblem(404, "order-not-found")).isTrue();
    }

    @Test
    void anOrderThatCannotBePaidIsRefusedWithItsReasonAndChargesNothing() {
        long saleId = newSaleId();
        Instant past = Instant.now().minus(Duration.ofHours(1));
        OrderId cancelled = OrderId.next(saleId, Clock.systemUTC());
        insertRow(cancelled, "late", 1, "12.50", "CANCELLED", past, past.plus(Duration.ofMinutes(15)));
        OrderId overdue = OrderId.next(saleId, Clock.systemUTC());
        insertRow(overdue, "late", 1, "12.50", "CREATED", past, past.plus(Duration.ofMinutes(15)));
        OrderId pending = purchase(saleId, "early");
        OrderId failed = purchase(saleId, "unlucky");
        redis.opsForHash().put(statusKey(failed), "status", "FAILED");
        double chargesBefore = charges();

        List<ApiResponse> answers = List.of(pay(cancelled, "late"), pay(overdue, "late"), pay(pending, "early"),
                pay(failed, "unlucky"));

        assertThat(answers.get(0).isProblem(409, "order-cancelled")).as(answers.get(0).toString()).isTrue();
        assertThat(answers.get(1).isProblem(409, "payment-window-closed")).as(answers.get(1).toString()).isTrue();
        assertThat(answers.get(2).isProblem(409, "order-pending")).as(answers.get(2).toString()).isTrue();
        assertThat(answers.get(3).isProblem(409, "order-failed")).as(answers.get(3).toString()).isTrue();
        assertThat(charges()).isEqualTo(chargesBefore);
        assertThat(jdbc.queryForList("SELECT status FROM orders WHERE sale_id = ?", String.class, saleId))
                .containsExactlyInAnyOrder("CANCELLED", "CREATED");
    }

    private ApiResponse pay(OrderId order, String userId) {
        return post("/api/orders/" + order + "/payment", userId);
    }

    private double charges() {
        return meters.counter("seckill.payments.charges").count();
    }
}
