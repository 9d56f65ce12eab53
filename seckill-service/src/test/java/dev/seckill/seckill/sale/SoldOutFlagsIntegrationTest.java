package dev.seckill.seckill.sale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.contract.SaleKeys;
import dev.seckill.contract.StockEvent;
import dev.seckill.testsupport.SharedServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The sold-out flags on real Redis: set and dropped by stock events, and by the recheck when an event was missed. */
class SoldOutFlagsIntegrationTest {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final SoldOutFlags flags = new SoldOutFlags(new RedisSales(redis), meters);

    @BeforeAll
    static void connect() {
        var server = SharedServers.get().redis();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void stockEventsSetAndDropAFlag() {
        long saleId = unusedSaleId();

        flags.apply(new StockEvent(saleId, 0));
        assertThat(flags.isSoldOut(saleId)).isTrue();

        flags.apply(new StockEvent(saleId, 2));
        assertThat(flags.isSoldOut(saleId)).isFalse();
    }

    @Test
    void theRecheckDropsTheFlagOfASaleWhoseStockCameBackUnannouncedAndCountsTheMissedEvent() {
        long back = unusedSaleId();
        long stillSoldOut = unusedSaleId();
        redis.opsForValue().set(new SaleKeys(back).stock(), "0");
        redis.opsForValue().set(new SaleKeys(stillSoldOut).stock(), "0");
        flags.markSoldOut(back);
        flags.markSoldOut(stillSoldOut);
        flags.recheck();
        assertThat(flags.isSoldOut(back)).as("nothing came back yet").isTrue();

        redis.opsForValue().set(new SaleKeys(back).stock(), "1");
        flags.recheck();

        assertThat(flags.isSoldOut(back)).isFalse();
        assertThat(flags.isSoldOut(stillSoldOut)).isTrue();
        assertThat(meters.get("seckill.sale.sold-out.recheck.cleared").counter().count()).isEqualTo(1.0);
    }

    /** Far above the ids MySQL hands the other tests' sales in this Redis. */
    private static long unusedSaleId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 2_000_000_000_000L);
    }
}
