package dev.seckill.seckill.purchase;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.SaleKeys;
import dev.seckill.contract.StockEvent;
import java.time.Duration;
import java.util.List;

/**
 * The keys and arguments of {@code purchase.lua}, in the order the script reads them. Written down
 * here only: the service sends them, and so does the benchmark that runs the script alone.
 *
 * @param keys sale, stock, buyers, outbox, order status, idempotency key
 * @param args user, quantity, order id, whether idempotent, idempotency TTL (s), order status TTL (s),
 *     sale id, traceparent, stock events channel
 */
public record PurchaseScriptCall(List<String> keys, List<String> args) {

    /**
     * @param idempotencyKey {@code null} for a purchase without one
     * @param traceparent the request's W3C trace context; may be empty
     */
    public static PurchaseScriptCall of(OrderId orderId, String userId, int quantity, String idempotencyKey,
            Duration idempotencyTtl, Duration orderStatusTtl, String traceparent) {
        SaleKeys keys = new SaleKeys(orderId.saleId());
        boolean idempotent = idempotencyKey != null;
        return new PurchaseScriptCall(
                List.of(keys.sale(), keys.stock(), keys.buyers(), keys.outbox(), keys.order(orderId),
                        keys.idempotency(userId, idempotent ? idempotencyKey : "-")),
                List.of(userId,
                        Integer.toString(quantity),
                        orderId.toString(),
                        idempotent ? "1" : "0",
                        Long.toString(idempotencyTtl.toSeconds()),
                        Long.toString(orderStatusTtl.toSeconds()),
                        Long.toString(orderId.saleId()),
                        traceparent,
                        StockEvent.CHANNEL));
    }
}
