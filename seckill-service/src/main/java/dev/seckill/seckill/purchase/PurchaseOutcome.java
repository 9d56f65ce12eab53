package dev.seckill.seckill.purchase;

/** What the purchase script decided; the names match the script's first return value. */
enum PurchaseOutcome {
    ACCEPTED,
    DUPLICATE,
    UNKNOWN_SALE,
    CLOSED,
    NOT_STARTED,
    ENDED,
    LIMIT_REACHED,
    NO_STOCK
}
