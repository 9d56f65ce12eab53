package dev.seckill.consumer.order;

import java.math.BigDecimal;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;

/**
 * One order as the {@code orders} table stores it, checked against the table's constraints before
 * it reaches the database: a bad row found here costs one dead letter, while the same row found by
 * the database would fail the whole batch insert.
 *
 * @param payBy the payment deadline the event carries, {@code null} for events from before sales had
 *              one (the table then applies the default window)
 */
public record OrderRow(OrderId orderId, String userId, int quantity, BigDecimal unitPrice, Instant placedAt,
        Instant payBy) {

    private static final LogAccessor LOG = new LogAccessor(OrderRow.class);
    static final int MAX_USER_ID_LENGTH = 64;
    /** DECIMAL(12,2): ten digits before the point. */
    private static final int MAX_PRICE_INTEGER_DIGITS = 10;

    /** Turns a consumed record into a row, or says why it never can be one. */
    public static OrderRow from(ConsumerRecord<String, OrderPlaced> record) {
        OrderPlaced event = record.value();
        if (event == null) {
            DeserializationException failure = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            throw failure != null
                    ? new PoisonRecordException("undeserialisable value: " + rootMessage(failure), failure)
                    : new PoisonRecordException("empty value");
        }
        return from(event);
    }

    static OrderRow from(OrderPlaced event) {
        OrderId orderId;
        try {
            orderId = OrderId.parse(event.orderId());
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("bad order id '" + event.orderId() + "': " + e.getMessage(), e);
        }
        if (orderId.saleId() != event.saleId()) {
            throw new PoisonRecordException("order id " + orderId + " does not belong to sale " + event.saleId());
        }
        if (event.userId() == null || event.userId().isBlank() || event.userId().length() > MAX_USER_ID_LENGTH) {
            throw new PoisonRecordException("user id missing or longer than " + MAX_USER_ID_LENGTH);
        }
        if (event.quantity() <= 0) {
            throw new PoisonRecordException("quantity must be positive, was " + event.quantity());
        }
        BigDecimal price = event.unitPrice();
        if (price == null || price.signum() < 0 || price.stripTrailingZeros().scale() > 2
                || price.precision() - price.scale() > MAX_PRICE_INTEGER_DIGITS) {
            throw new PoisonRecordException("unit price missing or not a DECIMAL(12,2): " + price);
        }
        if (event.placedAt() == null) {
            throw new PoisonRecordException("placedAt missing");
        }
        return new OrderRow(orderId, event.userId(), event.quantity(), price, event.placedAt(), event.payBy());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
