package dev.seckill.contract;

/** The life of an order as a shopper sees it. */
public enum OrderStatus {
    /** Accepted by the purchase decision; on its way to the database. */
    PENDING,
    /** Written to the database. */
    CREATED,
    PAID,
    CANCELLED,
    /** Could never be written (dead-lettered); its stock went back to the sale. */
    FAILED
}
