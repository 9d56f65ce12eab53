package dev.seckill.consumer.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Charges through a payment service over HTTP: {@code POST <url>/charges} with the order id as the
 * {@code Idempotency-Key}, so a charge sent again (after a timeout, a crash, a shopper's retry)
 * answers the first charge instead of making a second. The service answers
 * {@code {"id":..., "orderId":..., "status":"approved"|"declined", "reason":...}}.
 *
 * <p>Only an answer that is well formed, names this order and says approved makes the order PAID.
 * A decline is a decline. Everything else (timeout, refused connection, 5xx, an answer too big, not
 * JSON or about another order, the breaker open) is an unknown outcome: the charge may have
 * happened, so the order must neither be marked failed nor given up; the shopper pays again.
 */
@Component
@ConditionalOnProperty(name = "seckill.payment.provider", havingValue = "http")
class HttpPaymentProvider implements PaymentPort {

    static final String BREAKER = "payment-provider";
    /** The orders table keeps a provider reference of at most this many characters. */
    private static final int MAX_REFERENCE = 64;
    private static final Logger log = LoggerFactory.getLogger(HttpPaymentProvider.class);

    private final HttpClient http;
    private final URI charges;
    private final PaymentProperties.Http settings;
    private final ObjectMapper json;
    private final CircuitBreaker breaker;

    HttpPaymentProvider(PaymentProperties properties, ObjectMapper json, CircuitBreakerRegistry breakers) {
        this.settings = properties.http();
        if (settings.url() == null) {
            throw new IllegalStateException("seckill.payment.provider is http but seckill.payment.http.url is not set");
        }
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.charges = URI.create(settings.url().toString().replaceAll("/+$", "") + "/charges");
        this.json = json;
        this.breaker = breakers.circuitBreaker(BREAKER);
    }

    @Override
    public ChargeOutcome charge(String orderId, String userId, BigDecimal amount) {
        try {
            return breaker.executeCallable(() -> send(orderId, userId, amount));
        } catch (CallNotPermittedException e) {
            return unknown(orderId, "the payment service failed repeatedly; its breaker is open");
        } catch (IOException e) {
            return unknown(orderId, "no answer from the payment service: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(orderId, "interrupted while waiting for the payment service");
        } catch (Exception e) {
            return unknown(orderId, e.toString());
        }
    }

    /** Throws for what the breaker should count: no answer or a server error. */
    private ChargeOutcome send(String orderId, String userId, BigDecimal amount) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(charges)
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", orderId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(
                        Map.of("orderId", orderId, "userId", userId, "amount", amount.toPlainString()))));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes((int) settings.maxAnswerSize().toBytes() + 1);
        }
        if (response.statusCode() >= 500) {
            throw new IOException("the payment service answered " + response.statusCode());
        }
        if (body.length > settings.maxAnswerSize().toBytes()) {
            return unknown(orderId, "the answer is larger than " + settings.maxAnswerSize());
        }
        return read(orderId, response.statusCode(), body);
    }

    private ChargeOutcome read(String orderId, int status, byte[] body) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            return unknown(orderId, "answer " + status + " is not JSON");
        }
        if (answer == null || !orderId.equals(answer.path("orderId").asText(null))) {
            return unknown(orderId, "answer " + status + " is not about this order");
        }
        String outcome = answer.path("status").asText("");
        String reference = answer.path("id").asText("");
        if (status / 100 == 2 && "approved".equals(outcome) && !reference.isBlank()
                && reference.length() <= MAX_REFERENCE) {
            return new ChargeOutcome.Approved(reference);
        }
        if ((status / 100 == 2 || status == 402) && "declined".equals(outcome)) {
            return new ChargeOutcome.Declined(answer.path("reason").asText("declined by the payment service"));
        }
        return unknown(orderId, "answer " + status + " with status '" + outcome + "'");
    }

    private static ChargeOutcome unknown(String orderId, String cause) {
        log.atWarn().addKeyValue("orderId", orderId).addKeyValue("cause", cause).log("payment outcome unknown");
        return new ChargeOutcome.Unknown(cause);
    }
}
