package dev.seckill.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Malformed requests are refused before any downstream call; a missing service is a 503 problem. */
class RoutesTest extends GatewayTestBase {

    @Autowired
    CircuitBreakerRegistry breakers;

    /** Other test classes share this application context, and with it the breakers and what they counted. */
    @BeforeEach
    void freshBreakers() {
        breaker().reset();
        breakers.circuitBreaker(Upstream.ORDER_CONSUMER.breaker()).reset();
    }

    @Test
    void malformedIdsHeadersAndBodiesAreRefusedWithoutCallingDownstream() {
        Map<String, String> alice = shopper(uniqueUser("alice"));

        assertInvalid(api.postJson("/api/sales/abc/purchases", alice, "{\"quantity\":1}"));
        assertInvalid(api.postJson("/api/sales/0/purchases", alice, "{\"quantity\":1}"));
        assertInvalid(api.postJson("/api/sales/1/purchases", with(alice, "Idempotency-Key", "a b"), "{\"quantity\":1}"));
        assertInvalid(api.postJson("/api/sales/1/purchases", alice, "{\"quantity\":0}"));
        assertInvalid(api.postJson("/api/sales/1/purchases", alice, "{\"quantity\":1,\"userId\":\"bob\"}"));
        assertInvalid(api.get("/api/orders/1-not-a-uuid", alice));
        assertInvalid(api.get("/api/sales/99999999999999999999", Map.of()));
        assertThat(breaker().getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void aWrongContentTypeIs415AndAnOversizedBodyIs413() {
        ApiResponse text = api.sendAsync(api.request("/api/sales/1/purchases", with(shopper(uniqueUser("alice")), "Content-Type", "text/plain"))
                .POST(HttpRequest.BodyPublishers.ofString("quantity=1"))).join();
        ApiResponse huge = api.postJson("/api/sales/1/purchases", shopper(uniqueUser("alice")),
                "{\"quantity\":1,\"pad\":\"" + "x".repeat(5_000) + "\"}");

        assertThat(text.status()).isEqualTo(415);
        assertThat(text.contentType()).startsWith("application/problem+json");
        assertThat(huge.isProblem(413, "payload-too-large")).as(huge.toString()).isTrue();
    }

    @Test
    void anUnreachableSeckillServiceIsA503AndTheBreakerThenAnswersWithoutTrying() {
        for (int i = 0; i < 10 && breaker().getState() == CircuitBreaker.State.CLOSED; i++) {
            ApiResponse answer = api.postJson("/api/sales/1/purchases", shopper(uniqueUser("alice")), "{\"quantity\":1}");
            assertThat(answer.isProblem(503, "service-unavailable")).as(answer.toString()).isTrue();
        }
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        long notPermittedBefore = breaker().getMetrics().getNumberOfNotPermittedCalls();

        ApiResponse answer = api.get("/api/sales/1", Map.of());

        assertThat(answer.isProblem(503, "service-unavailable")).as(answer.toString()).isTrue();
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(breaker().getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(notPermittedBefore + 1);
    }

    @Test
    void orderConsumerHasABreakerOfItsOwnThatAnOpenSeckillServiceBreakerDoesNotTrip() {
        CircuitBreaker orders = breakers.circuitBreaker(Upstream.ORDER_CONSUMER.breaker());
        breaker().transitionToOpenState();

        ApiResponse payment = api.sendAsync(api.request("/api/orders/1-00000000-0000-7000-8000-000000000000/payment",
                shopper(uniqueUser("payer"))).POST(HttpRequest.BodyPublishers.noBody())).join();
        ApiResponse history = api.get("/api/orders?mine", shopper(uniqueUser("reader")));

        assertThat(payment.isProblem(503, "service-unavailable")).as(payment.toString()).isTrue();
        assertThat(payment.text("detail")).startsWith("The order service did not answer");
        assertThat(history.isProblem(503, "service-unavailable")).as(history.toString()).isTrue();
        assertThat(orders.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(orders.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
        assertThat(breaker().getMetrics().getNumberOfNotPermittedCalls()).isZero();
    }

    private CircuitBreaker breaker() {
        return breakers.circuitBreaker(Upstream.SECKILL_SERVICE.breaker());
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private static void assertInvalid(ApiResponse answer) {
        assertThat(answer.isProblem(400, "invalid-request")).as(answer.toString()).isTrue();
    }
}
