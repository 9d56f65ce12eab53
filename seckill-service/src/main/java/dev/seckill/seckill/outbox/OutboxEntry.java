package dev.seckill.seckill.outbox;

import dev.seckill.contract.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Reads an outbox stream entry, as written by {@code purchase.lua}, into the order event. */
final class OutboxEntry {

    private OutboxEntry() {
    }

    static OrderPlaced toEvent(Map<Object, Object> fields) {
        return new OrderPlaced(
                (String) fields.get("orderId"),
                Long.parseLong((String) fields.get("saleId")),
                (String) fields.get("userId"),
                Integer.parseInt((String) fields.get("quantity")),
                new BigDecimal((String) fields.get("unitPrice")),
                Instant.ofEpochMilli(Long.parseLong((String) fields.get("placedAt"))));
    }
}
