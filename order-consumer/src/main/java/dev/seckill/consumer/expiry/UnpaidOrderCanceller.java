package dev.seckill.consumer.expiry;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.seckill.consumer.stock.StockRelease;
import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Cancels orders not paid by their deadline and puts their units back on sale, exactly once.
 *
 * <p>Three steps, each safe to repeat: (1) in one database transaction the due orders become
 * CANCELLED with {@code stock_returned = 0}; (2) each order's units go back to Redis with the status
 * hash's move to CANCELLED, which happens only once (see {@link StockRelease}); (3) the rows are
 * marked {@code stock_returned = 1}. A replica that dies after (1) or (2) leaves rows at 0, and the
 * next pass of any replica repeats (2), which then gives nothing back twice, and (3). It lives here
 * because order-consumer owns the orders table and the script that returns stock; the schedule
 * drives it from the table alone, so nothing is lost with a restart.
 */
@Component
class UnpaidOrderCanceller {

    private static final Logger log = LoggerFactory.getLogger(UnpaidOrderCanceller.class);

    private final UnpaidOrders orders;
    private final StockRelease stock;
    private final ExpiryProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Counter cancelled;
    private final Counter returned;

    UnpaidOrderCanceller(UnpaidOrders orders, StockRelease stock, ExpiryProperties properties, MeterRegistry meters) {
        this.orders = orders;
        this.stock = stock;
        this.properties = properties;
        this.cancelled = meters.counter("seckill.orders.cancelled");
        this.returned = meters.counter("seckill.orders.cancelled.returned");
    }

    @Scheduled(fixedDelayString = "${seckill.consumer.expiry.interval:1s}")
    void pass() {
        try {
            cancelDue();
            returnStock();
        } catch (RuntimeException e) {
            // The database or Redis is away; everything done so far is recorded, the next pass goes on.
            log.atWarn().setCause(e).log("cancelling unpaid orders failed; retried on the next pass");
        }
    }

    private void cancelDue() {
        List<OrderId> due;
        do {
            due = orders.cancelDue(LocalDateTime.now(clock), properties.batchSize());
            cancelled.increment(due.size());
        } while (due.size() == properties.batchSize());
    }

    private void returnStock() {
        List<OrderId> waiting;
        do {
            waiting = orders.awaitingStockReturn(properties.batchSize());
            for (OrderId order : waiting) {
                // PENDING too: the consumer may have committed the row but not yet marked the hash CREATED.
                StockRelease.Outcome outcome = stock.release(order, OrderStatus.CANCELLED, OrderStatus.PENDING, OrderStatus.CREATED);
                if (outcome.released()) {
                    returned.increment();
                } else if (!OrderStatus.CANCELLED.name().equals(outcome.found())) {
                    log.atWarn().addKeyValue("orderId", order).addKeyValue("found", outcome.found())
                            .log("cancelled order has no live status in Redis; its units are left to reconciliation");
                }
            }
            if (!waiting.isEmpty()) {
                orders.markStockReturned(waiting);
            }
        } while (waiting.size() == properties.batchSize());
    }
}
