package dev.seckill.seckill.payment;

import java.math.BigDecimal;

/**
 * Where money is taken. Implementations must be idempotent on the order id (payment providers take
 * an idempotency key for this): a charge repeated after a crash or a timeout must not charge twice.
 */
public interface PaymentPort {

    /** Charges {@code amount} for the order and answers the provider's reference of the charge. */
    String charge(String orderId, String userId, BigDecimal amount);
}
