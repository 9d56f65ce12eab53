package dev.seckill.gateway.soldout;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/** The sales this replica knows to be sold out, each until {@code ttl} after it was last confirmed. */
@Component
class SoldOutFlags {

    private final Cache<String, Boolean> flagged;

    SoldOutFlags(SoldOutProperties properties) {
        this.flagged = Caffeine.newBuilder()
                .maximumSize(properties.maxSales())
                .expireAfterWrite(properties.ttl())
                // Upkeep on the calling thread (an event loop or Lettuce's), not the common pool.
                .executor(Runnable::run)
                .build();
    }

    boolean isSoldOut(String saleId) {
        return saleId != null && flagged.getIfPresent(saleId) != null;
    }

    /** Sets the flag, or restarts its time to live. */
    void confirm(String saleId) {
        flagged.put(saleId, Boolean.TRUE);
    }

    void drop(String saleId) {
        flagged.invalidate(saleId);
    }

    void dropAll() {
        flagged.invalidateAll();
    }
}
