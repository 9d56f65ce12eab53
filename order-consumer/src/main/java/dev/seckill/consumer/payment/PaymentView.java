package dev.seckill.consumer.payment;

import dev.seckill.contract.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/** A paid order: what was charged, under which reference, when. */
public record PaymentView(String orderId, OrderStatus status, BigDecimal amount, String paymentRef, Instant paidAt) {
}
