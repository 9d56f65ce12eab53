package dev.seckill.consumer.payment;

/**
 * What a charge came to. Only {@link Approved} makes an order PAID. {@link Unknown} is the answer
 * whenever the provider's word is missing or cannot be trusted (a timeout after the request left, a
 * 5xx, a malformed or foreign answer): the money may have been taken, so the order stays payable
 * and the shopper pays again with the same idempotency key, which the provider answers with the
 * first charge instead of a second one.
 */
public sealed interface ChargeOutcome {

    /** @param reference the provider's id of the charge */
    record Approved(String reference) implements ChargeOutcome {
    }

    /** @param reason the provider's reason, safe to show the shopper */
    record Declined(String reason) implements ChargeOutcome {
    }

    /** @param cause what went wrong, for the log only */
    record Unknown(String cause) implements ChargeOutcome {
    }
}
