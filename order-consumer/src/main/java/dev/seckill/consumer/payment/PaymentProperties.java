package dev.seckill.consumer.payment;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Which provider takes the money. There is no default on purpose: a service that would approve every
 * payment must be chosen, never fallen into, so without this setting the service does not start.
 *
 * @param provider {@code http} for the payment service at {@code http.url}; {@code fake} approves
 *     every payment and is for the local platform and tests only
 * @param http the payment service, when {@code provider} is {@code http}
 */
@Validated
@ConfigurationProperties("seckill.payment")
public record PaymentProperties(
        @NotNull(message = "choose the payment provider: 'http' (with seckill.payment.http.url) or 'fake' "
                + "(approves every payment: local use only)") Provider provider,
        @DefaultValue Http http) {

    public enum Provider { HTTP, FAKE }

    /**
     * @param url base address of the payment service; charges go to {@code <url>/charges}
     * @param apiKey the credential the payment service expects as a bearer token; from a secret, never in a file
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the answer once the charge was sent: past this the outcome
     *     is unknown (the charge may have happened), and the order stays payable
     * @param maxAnswerSize the largest answer read; a bigger one is not trusted
     */
    public record Http(
            URI url,
            String apiKey,
            @DefaultValue("1s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout,
            @DefaultValue("16KB") DataSize maxAnswerSize) {
    }
}
