package dev.seckill.seckill.reconciliation;

import dev.seckill.contract.SaleKeys;
import dev.seckill.seckill.redis.LuaScripts;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the scheduled reconciliation may ask about any sale, live or not, every round: each probe
 * costs the same whether the sale has ten orders or a million. Redis is asked first and answers for
 * a moving sale on its own (orders in the outbox, a purchase within the quiet period); MySQL is asked
 * only about a sale that looks quiet there, with two index seeks (order-consumer's V3 indexes).
 */
@Component
class SaleProbes {

    private static final RedisScript<List> COUNTERS = LuaScripts.load("sale-probe.lua", List.class);

    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;
    private final ReconciliationProperties properties;
    private final Clock clock;

    SaleProbes(StringRedisTemplate redis, JdbcTemplate jdbc, ReconciliationProperties properties, Clock clock) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    SaleCounters counters(long saleId) {
        SaleKeys keys = new SaleKeys(saleId);
        List<?> answer = redis.execute(COUNTERS, List.of(keys.stock(), keys.buyers(), keys.outbox()));
        String stock = (String) answer.get(0);
        String last = (String) answer.get(3);
        return new SaleCounters(stock.isEmpty() ? null : stock, (Long) answer.get(1), (Long) answer.get(2),
                last.isEmpty() ? null : last);
    }

    /**
     * Whether the sale looks quiescent by the same rules as {@link ReconciliationReport#notQuiescent()}, each
     * asked at bounded cost and stopping at the first that says it is moving. The full check decides in the end.
     */
    boolean looksQuiescent(long saleId, SaleCounters counters, OptionalLong consumerLag) {
        if (counters.outboxLength() > 0 || consumerLag.isEmpty() || consumerLag.getAsLong() > 0) {
            return false;
        }
        Instant now = clock.instant();
        if (counters.lastAcceptedAt().filter(at -> at.plus(properties.quietPeriod()).isAfter(now)).isPresent()) {
            return false;
        }
        return !exists("SELECT 1 FROM orders WHERE status = 'CANCELLED' AND stock_returned = 0 AND sale_id = ? LIMIT 1", saleId)
                && !exists("SELECT 1 FROM orders WHERE sale_id = ? AND status = 'CREATED' AND pay_by < ? LIMIT 1", saleId,
                        LocalDateTime.ofInstant(now.plus(properties.quietPeriod()), ZoneOffset.UTC));
    }

    private boolean exists(String query, Object... arguments) {
        return !jdbc.queryForList(query, Integer.class, arguments).isEmpty();
    }
}
