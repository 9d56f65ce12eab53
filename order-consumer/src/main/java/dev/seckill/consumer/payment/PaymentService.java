package dev.seckill.consumer.payment;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import dev.seckill.web.ApiException;
import dev.seckill.web.ProblemType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pays an order: CREATED becomes PAID, once.
 *
 * <p>The order's row is locked ({@code SELECT ... FOR UPDATE}) for the whole decision, the charge
 * and the update. The canceller of this service ({@code expiry}) takes due orders with
 * {@code FOR UPDATE SKIP LOCKED}, so it passes over an order being paid and finds it PAID on its
 * next pass, while a payment that
 * waits for the canceller's lock finds CANCELLED and charges nothing: exactly one of the two wins.
 * The lock is held across the provider call so that no cancellation can slip between charge and
 * update; the provider is idempotent on the order id, so a payment retried after a crash between
 * charge and commit is not charged twice. MySQL is the truth; Redis (what shoppers poll) is told
 * after the commit, and every later payment call of a PAID order tells it again.
 */
@Service
class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private static final String LOCK = """
            SELECT user_id, quantity, unit_price, status, pay_by, paid_at, payment_ref FROM orders
            WHERE id = ? AND sale_id = ? FOR UPDATE""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PaymentPort provider;
    private final OrderStatusHash statuses;
    private final Clock clock;

    PaymentService(JdbcTemplate jdbc, TransactionTemplate transaction, PaymentPort provider, OrderStatusHash statuses,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.provider = provider;
        this.statuses = statuses;
        this.clock = clock;
    }

    PaymentView pay(OrderId orderId, String userId) {
        PaymentView paid = transaction.execute(status -> {
            List<LockedOrder> rows = jdbc.query(LOCK, (rs, row) -> new LockedOrder(rs.getString("user_id"),
                    rs.getInt("quantity"), rs.getBigDecimal("unit_price"), OrderStatus.valueOf(rs.getString("status")),
                    instant(rs.getObject("pay_by", LocalDateTime.class)), instant(rs.getObject("paid_at", LocalDateTime.class)),
                    rs.getString("payment_ref")), orderId.uuid().toString(), orderId.saleId());
            if (rows.isEmpty()) {
                return null;
            }
            LockedOrder order = rows.get(0);
            if (!order.userId().equals(userId)) {
                throw notFound(orderId);
            }
            return decide(orderId, order);
        });
        if (paid == null) {
            throw notYetInDatabase(orderId, userId);
        }
        statuses.markPaid(orderId);
        return paid;
    }

    private PaymentView decide(OrderId orderId, LockedOrder order) {
        BigDecimal amount = order.unitPrice().multiply(BigDecimal.valueOf(order.quantity()));
        return switch (order.status()) {
            case PAID -> new PaymentView(orderId.toString(), OrderStatus.PAID, amount, order.paymentRef(), order.paidAt());
            case CANCELLED -> throw ProblemType.ORDER_CANCELLED.exception("Order " + orderId + " was cancelled: it was not paid in time");
            case FAILED -> throw ProblemType.ORDER_FAILED.exception("Order " + orderId + " failed and cannot be paid");
            case PENDING, CREATED -> {
                // paid_at keeps milliseconds: answering the time as stored makes a repeated payment answer the same.
                Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                if (order.payBy() != null && !now.isBefore(order.payBy())) {
                    throw ProblemType.PAYMENT_WINDOW_CLOSED.exception("Order " + orderId + " had to be paid by " + order.payBy());
                }
                String reference = approvedReference(orderId, provider.charge(orderId.toString(), order.userId(), amount));
                jdbc.update("UPDATE orders SET status = 'PAID', paid_at = ?, payment_ref = ? WHERE id = ?",
                        LocalDateTime.ofInstant(now, ZoneOffset.UTC), reference, orderId.uuid().toString());
                log.atInfo().addKeyValue("orderId", orderId).addKeyValue("amount", amount).log("order paid");
                yield new PaymentView(orderId.toString(), OrderStatus.PAID, amount, reference, now);
            }
        };
    }

    /** A declined or unconfirmed charge leaves the order as it was: CREATED, payable again until its deadline. */
    private static String approvedReference(OrderId orderId, ChargeOutcome outcome) {
        if (outcome instanceof ChargeOutcome.Approved approved) {
            return approved.reference();
        }
        if (outcome instanceof ChargeOutcome.Declined declined) {
            throw ProblemType.PAYMENT_DECLINED.exception("The payment for order " + orderId + " was declined: " + declined.reason());
        }
        throw ProblemType.PAYMENT_PENDING.exception("The payment for order " + orderId
                + " is not confirmed yet; pay again in a moment, it is never charged twice");
    }

    /** No row: the order is on its way to the database (retry), failed, or is not this shopper's. */
    private ApiException notYetInDatabase(OrderId orderId, String userId) {
        OrderStatusHash.Holder order = statuses.holder(orderId).filter(found -> found.userId().equals(userId)).orElse(null);
        if (order == null) {
            return notFound(orderId);
        }
        return order.status() == OrderStatus.FAILED
                ? ProblemType.ORDER_FAILED.exception("Order " + orderId + " failed and cannot be paid")
                : ProblemType.ORDER_PENDING.exception("Order " + orderId + " is not confirmed yet; pay again in a moment");
    }

    private static ApiException notFound(OrderId orderId) {
        return ProblemType.ORDER_NOT_FOUND.exception("No order " + orderId);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    private record LockedOrder(String userId, int quantity, BigDecimal unitPrice, OrderStatus status, Instant payBy,
            Instant paidAt, String paymentRef) {
    }
}
