package dev.seckill.seckill.purchase;

/**
 * The script's answer.
 *
 * @param orderId the new order (ACCEPTED) or the earlier one (DUPLICATE), else empty
 * @param stockLeft units left after the decision when the script knows it, else -1
 */
record PurchaseDecision(PurchaseOutcome outcome, String orderId, long stockLeft) {
}
