package dev.seckill.consumer.expiry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cancelling orders that were not paid in time.
 *
 * @param defaultPaymentWindow the deadline of an order whose event carries none (published before
 *                             sales had a payment window): this long after it was placed
 * @param interval             pause between two passes of the canceller; an order is cancelled at most
 *                             this long after its deadline
 * @param batchSize            orders one pass cancels in one transaction (and locks meanwhile)
 */
@ConfigurationProperties("seckill.consumer.expiry")
public record ExpiryProperties(
        @DefaultValue("15m") Duration defaultPaymentWindow,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("200") int batchSize) {
}
