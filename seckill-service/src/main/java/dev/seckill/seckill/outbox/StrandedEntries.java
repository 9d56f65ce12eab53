package dev.seckill.seckill.outbox;

import dev.seckill.contract.SaleKeys;
import dev.seckill.seckill.redis.LuaScripts;
import dev.seckill.seckill.sale.RedisSales;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Deletes outbox entries that Kafka took and the relays' group acknowledged but that were never
 * deleted (see {@code outbox-stranded.lua}). Nothing would ever remove them otherwise: the relay
 * deletes only what it has just sent, so they would count as orders waiting for Kafka, keep the sale on
 * the active set and its outbox gauges and alerts up for good. Each call looks at no more than a batch,
 * so its cost stays the same however long the outbox is; a backlog goes within a few calls.
 */
@Component
class StrandedEntries {

    private static final Logger log = LoggerFactory.getLogger(StrandedEntries.class);
    private static final RedisScript<Long> REMOVE = LuaScripts.load("outbox-stranded.lua", Long.class);

    private final StringRedisTemplate redis;
    private final String batchSize;
    private final Counter removed;

    StrandedEntries(StringRedisTemplate redis, OutboxProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.batchSize = Integer.toString(properties.batchSize());
        this.removed = Counter.builder("seckill.outbox.stranded.removed")
                .description("Outbox entries found acknowledged but not deleted, and deleted")
                .register(meters);
    }

    /** @return how many entries were deleted */
    long removeFrom(long saleId) {
        Long deleted = redis.execute(REMOVE, List.of(new SaleKeys(saleId).outbox()), RedisSales.RELAY_GROUP, batchSize);
        if (deleted == null || deleted == 0) {
            return 0;
        }
        removed.increment(deleted);
        log.atWarn().addKeyValue("saleId", saleId).addKeyValue("entries", deleted)
                .log("deleted outbox entries that were acknowledged but left in the outbox");
        return deleted;
    }
}
