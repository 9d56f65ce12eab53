package dev.seckill.seckill.outbox;

import dev.seckill.contract.SaleKeys;
import dev.seckill.seckill.sale.RedisSales;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far the relay is behind: {@code seckill.outbox.pending{sale}} counts the orders still in each
 * sale's outbox (not yet acknowledged by Kafka), {@code seckill.outbox.relay.lag} is the age of the
 * oldest of them. A growing outbox with a rising lag means Kafka is not taking orders.
 */
@Component
class OutboxGauges {

    private final StringRedisTemplate redis;
    private final RedisSales sales;
    private final Clock clock;
    private final MultiGauge pending;
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    OutboxGauges(StringRedisTemplate redis, RedisSales sales, Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.sales = sales;
        this.clock = clock;
        this.pending = MultiGauge.builder("seckill.outbox.pending")
                .description("Accepted orders waiting in a sale's outbox for Kafka")
                .baseUnit("orders")
                .register(meters);
        Gauge.builder("seckill.outbox.relay.lag", oldestAgeMillis, age -> age.get() / 1000.0)
                .description("Age of the oldest order still waiting in any outbox")
                .baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${seckill.metrics.refresh:5s}")
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        long oldest = clock.millis();
        for (long saleId : sales.activeSaleIds()) {
            String outbox = new SaleKeys(saleId).outbox();
            Long length = redis.opsForStream().size(outbox);
            rows.add(MultiGauge.Row.of(Tags.of("sale", Long.toString(saleId)), length == null ? 0 : length));
            var first = redis.opsForStream().range(outbox, Range.unbounded(), Limit.limit().count(1));
            if (first != null && !first.isEmpty()) {
                // Stream ids start with the millisecond the entry was added.
                oldest = Math.min(oldest, first.get(0).getId().getTimestamp());
            }
        }
        pending.register(rows, true);
        oldestAgeMillis.set(clock.millis() - oldest);
    }
}
