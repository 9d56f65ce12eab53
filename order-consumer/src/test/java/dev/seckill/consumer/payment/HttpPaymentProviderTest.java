package dev.seckill.consumer.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.consumer.payment.StubPaymentServer.Answer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The HTTP payment adapter against a payment service stub: only a trustworthy approval is a payment. */
class HttpPaymentProviderTest {

    private static final String ORDER = "7-01934f4e-8f1a-7c3e-9b2d-3f5a6b7c8d9e";
    private static final BigDecimal AMOUNT = new BigDecimal("25.00");

    private final StubPaymentServer stub = new StubPaymentServer();
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMinutes(1)).build());
    private final HttpPaymentProvider provider = new HttpPaymentProvider(new PaymentProperties(PaymentProperties.Provider.HTTP,
            new PaymentProperties.Http(stub.url(), "test-key", Duration.ofSeconds(1), Duration.ofMillis(500), DataSize.ofKilobytes(16))),
            new ObjectMapper(), breakers);

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void anApprovalIsAPaymentWithTheProvidersReferenceAndTheOrderIdAsIdempotencyKey() {
        ChargeOutcome outcome = provider.charge(ORDER, "alice", AMOUNT);

        assertThat(outcome).isInstanceOf(ChargeOutcome.Approved.class);
        assertThat(((ChargeOutcome.Approved) outcome).reference()).startsWith("ch_");
        assertThat(stub.charges()).isEqualTo(1);
        assertThat(stub.requests()).singleElement().satisfies(request -> {
            assertThat(request.path("idempotencyKey").asText()).isEqualTo(ORDER);
            assertThat(request.path("orderId").asText()).isEqualTo(ORDER);
            assertThat(request.path("amount").asText()).isEqualTo("25.00");
        });
    }

    @Test
    void aDeclineIsADecline() {
        stub.answer(request -> Answer.json(402, "{\"orderId\":\"" + ORDER + "\",\"status\":\"declined\",\"reason\":\"card expired\"}"));

        assertThat(provider.charge(ORDER, "alice", AMOUNT)).isEqualTo(new ChargeOutcome.Declined("card expired"));
    }

    @Test
    void aChargeWhoseAnswerCameTooLateIsUnknownAndTheRetryAnswersTheSameChargeWithoutASecond() {
        stub.holdAnswers();

        ChargeOutcome late = provider.charge(ORDER, "alice", AMOUNT);

        assertThat(late).isInstanceOf(ChargeOutcome.Unknown.class);
        assertThat(stub.charges()).as("the charge happened; only its answer was lost").isEqualTo(1);
        stub.releaseAnswers();
        ChargeOutcome retried = provider.charge(ORDER, "alice", AMOUNT);
        ChargeOutcome again = provider.charge(ORDER, "alice", AMOUNT);
        assertThat(retried).isInstanceOf(ChargeOutcome.Approved.class).isEqualTo(again);
        assertThat(stub.requests()).hasSize(3);
        assertThat(stub.charges()).isEqualTo(1);
    }

    @Test
    void anAnswerThatCannotBeTrustedIsNeverAPayment() {
        String approvedForAnother = "{\"id\":\"ch_1\",\"orderId\":\"7-01934f4e-0000-7c3e-9b2d-3f5a6b7c8d9e\",\"status\":\"approved\"}";
        for (Answer hostile : new Answer[] {
                Answer.json(200, "not json"),
                Answer.json(200, approvedForAnother),
                Answer.json(200, "{\"orderId\":\"" + ORDER + "\",\"status\":\"approved\"}"),
                Answer.json(200, "{\"id\":\"" + "x".repeat(65) + "\",\"orderId\":\"" + ORDER + "\",\"status\":\"approved\"}"),
                Answer.json(200, "{\"id\":\"ch_1\",\"orderId\":\"" + ORDER + "\",\"status\":\"approved\",\"pad\":\""
                        + "x".repeat(20_000) + "\"}"),
                Answer.json(302, "{\"id\":\"ch_1\",\"orderId\":\"" + ORDER + "\",\"status\":\"approved\"}"),
                Answer.json(200, "[]")}) {
            stub.answer(request -> hostile);

            assertThat(provider.charge(ORDER, "alice", AMOUNT)).as(new String(hostile.body())).isInstanceOf(ChargeOutcome.Unknown.class);
        }
    }

    @Test
    void aFailingProviderOpensTheBreakerAndPaymentsThenStayUnknownWithoutACall() {
        stub.answer(request -> Answer.json(503, "{}"));
        for (int i = 0; i < 4; i++) {
            assertThat(provider.charge(ORDER, "alice", AMOUNT)).isInstanceOf(ChargeOutcome.Unknown.class);
        }
        assertThat(breakers.circuitBreaker(HttpPaymentProvider.BREAKER).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int sent = stub.requests().size();

        assertThat(provider.charge(ORDER, "alice", AMOUNT)).isInstanceOf(ChargeOutcome.Unknown.class);
        assertThat(stub.requests()).hasSize(sent);
    }

    @Test
    void anUnreachableProviderIsUnknown() {
        stub.close();

        assertThat(provider.charge(ORDER, "alice", AMOUNT)).isInstanceOf(ChargeOutcome.Unknown.class);
    }
}
