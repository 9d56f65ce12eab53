package dev.seckill.seckill.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The trace a purchase request belongs to travels with its order through the outbox into Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(metrics = false)
class TracePropagationIntegrationTest {

    private static final String INTERNAL_TOKEN = UUID.randomUUID().toString();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SharedServers.get().serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("seckill.internal.token", () -> INTERNAL_TOKEN);
    }

    @LocalServerPort
    int port;

    @Test
    void theOrderEventCarriesTheTraceOfThePurchaseRequest() {
        ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port))
                .withHeaders(Map.of("X-Internal-Token", INTERNAL_TOKEN));
        Instant now = Instant.now();
        ApiResponse sale = api.postJson("/api/admin/sales", Map.of(), """
                {"skuId":"TRACE","title":"Traced sale","price":1.00,"stock":5,
                 "startAt":"%s","endAt":"%s","perUserLimit":1}""".formatted(now.minusSeconds(1), now.plusSeconds(3600)));
        long saleId = sale.body().path("saleId").asLong();

        ApiResponse purchase = api.postJson("/api/sales/" + saleId + "/purchases",
                Map.of("X-User-Id", "tracy", "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"),
                "{\"quantity\":1}");

        assertThat(purchase.status()).isEqualTo(202);
        assertThat(traceparentOnKafka(purchase.text("orderId"))).contains("-" + TRACE_ID + "-");
    }

    private String traceparentOnKafka(String orderId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.get().kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AtomicReference<String> traceparent = new AtomicReference<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("seckill.orders"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    Header header = record.headers().lastHeader("traceparent");
                    if (record.key().equals(orderId) && header != null) {
                        traceparent.set(new String(header.value(), StandardCharsets.US_ASCII));
                    }
                });
                return traceparent.get() != null;
            });
        }
        return traceparent.get();
    }
}
