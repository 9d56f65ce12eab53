package dev.seckill.consumer.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JsonDeserializer;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;

class OrderRowTest {

    private final OrderId orderId = OrderId.next(7, Clock.systemUTC());

    private OrderPlaced event(String id, long saleId, String userId, int quantity, BigDecimal price) {
        return new OrderPlaced(id, saleId, userId, quantity, price, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void acceptsAWellFormedOrder() {
        OrderRow row = OrderRow.from(event(orderId.toString(), 7, "u1", 2, new BigDecimal("19.90")));

        assertThat(row.orderId()).isEqualTo(orderId);
        assertThat(row.unitPrice()).isEqualByComparingTo("19.90");
    }

    @Test
    void refusesWhatTheTableCouldNotHold() {
        String id = orderId.toString();
        assertThatThrownBy(() -> OrderRow.from(event("nope", 7, "u1", 1, BigDecimal.ONE)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("bad order id");
        assertThatThrownBy(() -> OrderRow.from(event(id, 8, "u1", 1, BigDecimal.ONE)))
                .hasMessageContaining("does not belong to sale 8");
        assertThatThrownBy(() -> OrderRow.from(event(id, 7, "u".repeat(65), 1, BigDecimal.ONE)))
                .hasMessageContaining("user id");
        assertThatThrownBy(() -> OrderRow.from(event(id, 7, "u1", 0, BigDecimal.ONE)))
                .hasMessageContaining("quantity");
        assertThatThrownBy(() -> OrderRow.from(event(id, 7, "u1", 1, new BigDecimal("0.001"))))
                .hasMessageContaining("unit price");
        assertThatThrownBy(() -> OrderRow.from(event(id, 7, "u1", 1, new BigDecimal("12345678901"))))
                .hasMessageContaining("unit price");
        assertThatThrownBy(() -> OrderRow.from(new OrderPlaced(id, 7, "u1", 1, BigDecimal.ONE, null)))
                .hasMessageContaining("placedAt");
    }

    @Test
    void namesTheDeserialisationFailureOfAnUnreadableRecord() {
        RecordHeaders headers = new RecordHeaders();
        try (ErrorHandlingDeserializer<OrderPlaced> deserializer =
                     new ErrorHandlingDeserializer<>(new JsonDeserializer<>(OrderPlaced.class, false))) {
            OrderPlaced value = deserializer.deserialize("t", headers, "{not json".getBytes(StandardCharsets.UTF_8));
            ConsumerRecord<String, OrderPlaced> record = new ConsumerRecord<>("t", 0, 0, 0L, null, 0, 0, "k", value,
                    headers, Optional.empty());

            assertThatThrownBy(() -> OrderRow.from(record))
                    .isInstanceOf(PoisonRecordException.class).hasMessageStartingWith("undeserialisable value");
        }
    }
}
