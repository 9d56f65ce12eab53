package dev.seckill.consumer.payment;

import java.math.BigDecimal;

/**
 * Where money is taken. Implementations must be idempotent on the order id (payment providers take
 * an idempotency key for this): a charge repeated after a crash or a timeout must not charge twice.
 */
public interface PaymentPort {

    /**
     * Charges {@code amount} for the order. Never throws for what the provider answered or failed to
     * answer: a charge that may or may not have happened is {@link ChargeOutcome.Unknown}.
     */
    ChargeOutcome charge(String orderId, String userId, BigDecimal amount);
}
