package dev.seckill.web;

import dev.seckill.api.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * The API's refusals, whichever service behind the gateway makes them: each has its own problem
 * {@code type}, so clients can tell them apart without parsing text, and one list keeps the public
 * catalogue whole when an endpoint moves from one service to another.
 */
public enum ProblemType implements ApiProblem {
    SALE_NOT_FOUND(HttpStatus.NOT_FOUND, "sale-not-found", "Sale not found"),
    ORDER_NOT_FOUND(HttpStatus.NOT_FOUND, "order-not-found", "Order not found"),
    SOLD_OUT(HttpStatus.CONFLICT, "sold-out", "Sold out"),
    INSUFFICIENT_STOCK(HttpStatus.CONFLICT, "insufficient-stock", "Not enough stock left"),
    LIMIT_REACHED(HttpStatus.CONFLICT, "limit-reached", "Per-user limit reached"),
    SALE_NOT_STARTED(HttpStatus.CONFLICT, "sale-not-started", "Sale has not started"),
    SALE_ENDED(HttpStatus.CONFLICT, "sale-ended", "Sale has ended"),
    SALE_CLOSED(HttpStatus.CONFLICT, "sale-closed", "Sale is closed"),
    /** The order is accepted but not in the database yet; paying again in a moment succeeds. */
    ORDER_PENDING(HttpStatus.CONFLICT, "order-pending", "Order not confirmed yet"),
    ORDER_CANCELLED(HttpStatus.CONFLICT, "order-cancelled", "Order was cancelled"),
    ORDER_FAILED(HttpStatus.CONFLICT, "order-failed", "Order failed"),
    PAYMENT_WINDOW_CLOSED(HttpStatus.CONFLICT, "payment-window-closed", "Payment window has closed"),
    PAYMENT_DECLINED(HttpStatus.PAYMENT_REQUIRED, "payment-declined", "Payment declined"),
    /** The provider's word on the charge is missing; paying again is safe, it is never charged twice. */
    PAYMENT_PENDING(HttpStatus.CONFLICT, "payment-pending", "Payment not confirmed yet"),
    /** Orders may still be moving; repairing Redis now could overwrite one. */
    SALE_NOT_QUIESCENT(HttpStatus.CONFLICT, "sale-not-quiescent", "Sale is not quiescent"),
    /** Redis or the database did not answer in time; the gateway's own 503 for an unanswered call has the same type. */
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable");

    private final Kind kind;

    ProblemType(HttpStatus status, String slug, String title) {
        this.kind = new Kind(status.value(), slug, title);
    }

    @Override
    public Kind kind() {
        return kind;
    }

    public ApiException exception(String detail) {
        return new ApiException(this, detail);
    }
}
