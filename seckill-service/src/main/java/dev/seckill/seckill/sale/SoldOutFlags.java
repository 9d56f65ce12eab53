package dev.seckill.seckill.sale;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's memory of which sales are sold out, so the flood after the last unit costs no
 * Redis round trip. Only an optimisation: Redis stays the judge, and a flag is dropped as soon as
 * stock is seen again.
 */
@Component
public class SoldOutFlags {

    private final Set<Long> soldOut = ConcurrentHashMap.newKeySet();
    private final RedisSales redisSales;

    SoldOutFlags(RedisSales redisSales) {
        this.redisSales = redisSales;
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

    /** Stock comes back when an order fails or is cancelled; this instance must notice within a second. */
    @Scheduled(fixedDelayString = "${seckill.sale.sold-out-recheck:1s}")
    void recheck() {
        soldOut.removeIf(saleId -> redisSales.stockLeft(saleId) > 0);
    }
}
