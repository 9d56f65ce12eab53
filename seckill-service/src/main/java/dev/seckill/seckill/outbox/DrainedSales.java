package dev.seckill.seckill.outbox;

import dev.seckill.contract.SaleKeys;
import dev.seckill.seckill.redis.LuaScripts;
import dev.seckill.seckill.sale.RedisSales;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes sales off the set of active sales once the relay can have nothing more to do for them: they
 * ended (past {@code endGrace}) or were closed, and their outbox holds no entry, pending or not (see
 * {@code outbox-drained.lua}). The relay, the gauges and reconciliation walk that set on their own
 * schedules, so without this every sale ever created would cost them work forever.
 *
 * <p>No order can be stranded: purchase.lua appends to an outbox only while its sale is open, and
 * the check sees the sale's state, window and outbox in one atomic step. A closed sale stays closed
 * (write-sale.lua) and an ended one cannot be warmed again, so a sale that passed the check takes no
 * more orders. The sweep still removes first and checks again, because warming writes the definition
 * before it adds the sale to the set: should a sale ever be open again, either the warm's add came
 * after the removal, or the second check sees it open and puts it back.
 */
@Component
class DrainedSales {

    private static final Logger log = LoggerFactory.getLogger(DrainedSales.class);
    private static final RedisScript<Long> DRAINED =
            LuaScripts.load("outbox-drained.lua", Long.class);

    private final StringRedisTemplate redis;
    private final RedisSales sales;
    private final String graceMillis;

    DrainedSales(StringRedisTemplate redis, RedisSales sales, OutboxProperties properties) {
        this.redis = redis;
        this.sales = sales;
        this.graceMillis = Long.toString(properties.endGrace().toMillis());
    }

    @Scheduled(fixedDelayString = "${seckill.outbox.sweep-interval:10s}")
    void sweep() {
        for (long saleId : sales.activeSaleIds()) {
            if (drained(saleId)) {
                retire(saleId);
            }
        }
    }

    private void retire(long saleId) {
        sales.removeFromActive(saleId);
        if (drained(saleId)) {
            log.atInfo().addKeyValue("saleId", saleId).log("sale takes no more orders and its outbox is drained: left the active sales");
        } else {
            sales.addToActive(saleId);
        }
    }

    private boolean drained(long saleId) {
        SaleKeys keys = new SaleKeys(saleId);
        return Long.valueOf(1).equals(redis.execute(DRAINED, List.of(keys.sale(), keys.outbox()), graceMillis));
    }
}
