package dev.seckill.consumer.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;
import dev.seckill.contract.SaleKeys;
import dev.seckill.testsupport.SharedServers;

/**
 * The consumer in-process against real Kafka, MariaDB and Redis. Every test class extends this one
 * unchanged, so they share one application context: a second context would join the same consumer
 * group and take partitions away from the first. Tests tell their orders apart by a fresh sale id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class RealServersTestBase {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    OrderEvents events;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ConsumerProperties properties;
    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SharedServers.get().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void openProducer() {
        events = new OrderEvents(SharedServers.get().kafka().bootstrapServers(), properties.topic());
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    int rows(long saleId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE sale_id = ?", Integer.class, saleId);
    }

    /** Status of every order, read in one pipeline. */
    List<String> statuses(List<OrderPlaced> orders) {
        return redis.executePipelined((RedisCallback<Object>) connection -> {
            for (OrderPlaced order : orders) {
                connection.hashCommands().hGet(statusKey(order).getBytes(StandardCharsets.UTF_8),
                        "status".getBytes(StandardCharsets.UTF_8));
            }
            return null;
        }).stream().map(String.class::cast).toList();
    }

    static String statusKey(OrderPlaced order) {
        return new SaleKeys(order.saleId()).order(OrderId.parse(order.orderId()));
    }

    static long newSaleId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }
}
