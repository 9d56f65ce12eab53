package dev.seckill.consumer.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.seckill.consumer.stock.StockRelease;
import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;

/**
 * What a dead letter means for the order it carries: the order will never be written, so its status
 * becomes FAILED and the units it took go back to the sale, in one atomic step and only once.
 */
@Component
public class FailedOrders {

    private static final Logger log = LoggerFactory.getLogger(FailedOrders.class);

    private final StockRelease stock;

    public FailedOrders(StockRelease stock) {
        this.stock = stock;
    }

    /**
     * Marks the order FAILED and returns its units and its place in the per-user limit to the sale,
     * if it is still PENDING. Answers whether this call did it (false: done before, or not PENDING).
     */
    public boolean fail(OrderId orderId) {
        // Only a PENDING order fails: a CREATED, PAID or CANCELLED one (the event was a bad copy of an
        // order that is in MySQL) is never touched, and a replayed dead letter finds FAILED.
        StockRelease.Outcome outcome = stock.release(orderId, OrderStatus.FAILED, OrderStatus.PENDING);
        boolean failedNow = outcome.released();
        // The order id and its trace are in the MDC: FailingDeadLetterRecoverer runs this in the order's span.
        if (failedNow) {
            log.warn("Order {} FAILED; its units went back to sale {}", orderId, orderId.saleId());
        } else {
            log.info("Order {} dead-lettered again or not pending ({}); nothing given back", orderId, outcome.found());
        }
        return failedNow;
    }
}
