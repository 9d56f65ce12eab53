package dev.seckill.consumer.order;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;
import dev.seckill.contract.SaleKeys;
import dev.seckill.testsupport.OrderEvents;
import dev.seckill.testsupport.SharedServers;

/**
 * The consumer in-process against real Kafka, MariaDB and Redis. Every test class extends this one
 * unchanged, so they share one application context: a second context would join the same consumer
 * group and take partitions away from the first. Tests tell their orders apart by a fresh sale id.
 *
 * <p>Tracing is on, as in production (Boot's tests turn it off otherwise), and finished spans are
 * collected in memory, exported every 100 ms instead of every 5 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "management.tracing.opentelemetry.export.schedule-delay=100ms")
@AutoConfigureObservability(metrics = false)
@Import(RealServersTestBase.Spans.class)
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
        // The API's secret, which the service cannot start without; these tests make no call to the API.
        registry.add("seckill.internal.token", () -> "listener-tests-internal-token");
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

    /**
     * The reasons of the dead letters with these keys, read from the start of the dead-letter topic
     * until every key has come {@code times} times or more.
     */
    Map<String, List<String>> deadLetterReasons(List<String> keys, int times) {
        Map<String, List<String>> reasons = new HashMap<>();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.get().kafka().bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < properties.partitions(); p++) {
                partitions.add(new TopicPartition(properties.deadLetterTopic(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header reason = record.headers().lastHeader(OrderKafkaConfig.REASON_HEADER);
                    if (keys.contains(record.key()) && reason != null) {
                        reasons.computeIfAbsent(record.key(), key -> new ArrayList<>())
                                .add(new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
                return keys.stream().allMatch(key -> reasons.getOrDefault(key, List.of()).size() >= times);
            });
        }
        return reasons;
    }

    static String statusKey(OrderPlaced order) {
        return new SaleKeys(order.saleId()).order(OrderId.parse(order.orderId()));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {

        @Bean
        InMemorySpanExporter inMemorySpans() {
            return InMemorySpanExporter.create();
        }
    }

    static long newSaleId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }
}
