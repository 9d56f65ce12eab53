package dev.seckill.seckill.outbox;

import dev.seckill.contract.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Reads an outbox stream entry, as written by {@code purchase.lua}, into the order event. */
final class OutboxEntry {

    private OutboxEntry() {
    }

    /** Entries written before sales had a payment window carry no {@code payBy}. */
    static OrderPlaced toEvent(Map<Object, Object> fields) {
        String payBy = (String) fields.get("payBy");
        return new OrderPlaced(
                (String) fields.get("orderId"),
                Long.parseLong((String) fields.get("saleId")),
                (String) fields.get("userId"),
                Integer.parseInt((String) fields.get("quantity")),
                new BigDecimal((String) fields.get("unitPrice")),
                Instant.ofEpochMilli(Long.parseLong((String) fields.get("placedAt"))),
                payBy == null ? null : Instant.ofEpochMilli(Long.parseLong(payBy)));
    }
}
