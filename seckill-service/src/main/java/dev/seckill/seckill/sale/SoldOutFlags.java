package dev.seckill.seckill.sale;

import dev.seckill.contract.StockEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's memory of which sales are sold out, so the flood after the last unit costs no
 * Redis round trip. Only an optimisation: Redis stays the judge, and a flag is dropped as soon as
 * stock is seen again.
 *
 * <p>Flags follow the stock events the scripts publish ({@link StockEventSubscription}): a unit given
 * back anywhere reopens the sale here within milliseconds. Pub/sub delivers at most once, so the
 * recheck stays as the fallback for an event this instance missed (while its subscription was
 * reconnecting); what it finds is counted, since every flag it drops is an event that got lost.
 */
@Component
public class SoldOutFlags {

    private final Set<Long> soldOut = ConcurrentHashMap.newKeySet();
    private final RedisSales redisSales;
    private final Counter missedEvents;

    SoldOutFlags(RedisSales redisSales, MeterRegistry meters) {
        this.redisSales = redisSales;
        this.missedEvents = Counter.builder("seckill.sale.sold-out.recheck.cleared")
                .description("Sold-out flags the recheck dropped because stock was back: stock events this instance missed")
                .register(meters);
    }

    public boolean isSoldOut(long saleId) {
        return soldOut.contains(saleId);
    }

    public void markSoldOut(long saleId) {
        soldOut.add(saleId);
    }

    public void clear(long saleId) {
        soldOut.remove(saleId);
    }

    void apply(StockEvent event) {
        if (event.soldOut()) {
            markSoldOut(event.saleId());
        } else {
            clear(event.saleId());
        }
    }

    /** Stock comes back when an order fails or is cancelled; should its event be lost, this notices within a second. */
    @Scheduled(fixedDelayString = "${seckill.sale.sold-out-recheck:1s}")
    void recheck() {
        soldOut.removeIf(saleId -> {
            boolean back = redisSales.stockLeft(saleId) > 0;
            if (back) {
                missedEvents.increment();
            }
            return back;
        });
    }
}
