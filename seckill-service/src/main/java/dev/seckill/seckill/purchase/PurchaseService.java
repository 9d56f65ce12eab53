package dev.seckill.seckill.purchase;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import dev.seckill.seckill.sale.SoldOutFlags;
import dev.seckill.web.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Turns a shopper's purchase into an accepted order or a precise refusal. */
@Service
public class PurchaseService {

    private static final Logger log = LoggerFactory.getLogger(PurchaseService.class);

    private final PurchaseScript script;
    private final IdempotencyKeys idempotencyKeys;
    private final SoldOutFlags soldOut;
    private final Clock clock;
    private final TraceParent traceParent;
    /** Looked up once: every purchase counts, and a registry lookup per request is work on the hot path. */
    private final Map<PurchaseOutcome, Counter> outcomes = new EnumMap<>(PurchaseOutcome.class);
    private final Counter soldOutLocally;

    PurchaseService(PurchaseScript script, IdempotencyKeys idempotencyKeys, SoldOutFlags soldOut, Clock clock,
            MeterRegistry meters, TraceParent traceParent) {
        this.script = script;
        this.idempotencyKeys = idempotencyKeys;
        this.soldOut = soldOut;
        this.clock = clock;
        this.traceParent = traceParent;
        for (PurchaseOutcome outcome : PurchaseOutcome.values()) {
            outcomes.put(outcome, purchases(meters, outcome.name().toLowerCase(Locale.ROOT)));
        }
        this.soldOutLocally = purchases(meters, "sold_out_local");
    }

    private static Counter purchases(MeterRegistry meters, String outcome) {
        return meters.counter("seckill.purchases", "outcome", outcome);
    }

    public PurchaseAccepted purchase(long saleId, String userId, int quantity, String idempotencyKey) {
        if (soldOut.isSoldOut(saleId)) {
            return soldOutLocally(saleId, userId, idempotencyKey);
        }
        OrderId orderId = OrderId.next(saleId, clock);
        PurchaseDecision decision = script.decide(orderId, userId, quantity, idempotencyKey, traceParent.current());
        outcomes.get(decision.outcome()).increment();
        return switch (decision.outcome()) {
            case ACCEPTED -> {
                if (decision.stockLeft() == 0) {
                    soldOut.markSoldOut(saleId);
                }
                // DEBUG: a line per accepted order is a write per purchase in the middle of the spike.
                log.atDebug().addKeyValue("orderId", orderId).addKeyValue("userId", userId)
                        .addKeyValue("quantity", quantity).log("purchase accepted");
                yield new PurchaseAccepted(decision.orderId(), OrderStatus.PENDING);
            }
            case DUPLICATE -> new PurchaseAccepted(decision.orderId(), OrderStatus.PENDING);
            case UNKNOWN_SALE -> throw ProblemType.SALE_NOT_FOUND.exception("No sale with id " + saleId);
            case CLOSED -> throw ProblemType.SALE_CLOSED.exception("Sale " + saleId + " is closed");
            case NOT_STARTED -> throw ProblemType.SALE_NOT_STARTED.exception("Sale " + saleId + " has not started");
            case ENDED -> throw ProblemType.SALE_ENDED.exception("Sale " + saleId + " has ended");
            case LIMIT_REACHED -> throw ProblemType.LIMIT_REACHED.exception("User " + userId + " has reached the per-user limit of sale " + saleId);
            case NO_STOCK -> {
                if (decision.stockLeft() == 0) {
                    soldOut.markSoldOut(saleId);
                    throw ProblemType.SOLD_OUT.exception("Sale " + saleId + " is sold out");
                }
                throw ProblemType.INSUFFICIENT_STOCK.exception("Only " + decision.stockLeft() + " left of sale " + saleId);
            }
        };
    }

    /**
     * The flag says no stock is left, which refuses a new purchase but not a replay: a shopper retrying
     * with the key of a purchase that got in before the sell-out must get that order, as the script's
     * DUPLICATE would answer. So a request with a key costs one read of that key; one without costs nothing.
     */
    private PurchaseAccepted soldOutLocally(long saleId, String userId, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<String> earlier = idempotencyKeys.earlierOrder(saleId, userId, idempotencyKey);
            if (earlier.isPresent()) {
                outcomes.get(PurchaseOutcome.DUPLICATE).increment();
                return new PurchaseAccepted(earlier.get(), OrderStatus.PENDING);
            }
        }
        soldOutLocally.increment();
        throw ProblemType.SOLD_OUT.exception("Sale " + saleId + " is sold out");
    }
}
