package dev.seckill.seckill.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.Header;
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

    private static final String INTERNAL_TOKEN = PurchaseIntegrationTest.INTERNAL_TOKEN;
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        PurchaseIntegrationTest.servers(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void theOrderEventCarriesTheTraceOfThePurchaseRequest() {
        ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port))
                .withHeaders(Map.of("X-Internal-Token", INTERNAL_TOKEN));
        Instant now = Instant.now();
        ApiResponse sale = api.postJson("/api/admin/sales", PurchaseIntegrationTest.ADMIN, """
                {"skuId":"TRACE","title":"Traced sale","price":1.00,"stock":5,
                 "startAt":"%s","endAt":"%s","perUserLimit":1}""".formatted(now.minusSeconds(1), now.plusSeconds(3600)));
        long saleId = sale.body().path("saleId").asLong();

        for (String flags : new String[] {"01", "00"}) {
            ApiResponse purchase = api.postJson("/api/sales/" + saleId + "/purchases",
                    Map.of("X-User-Id", "tracy-" + flags, "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-" + flags),
                    "{\"quantity\":1}");

            assertThat(purchase.status()).isEqualTo(202);
            // The request's span is a child of the caller's: same trace, its own span id, the caller's sampling decision.
            assertThat(traceparentOnKafka(purchase.text("orderId")))
                    .matches("00-" + TRACE_ID + "-[0-9a-f]{16}-" + flags)
                    .doesNotContain("00f067aa0ba902b7");
        }
    }

    private String traceparentOnKafka(String orderId) {
        AtomicReference<String> traceparent = new AtomicReference<>();
        OrderTopicReader.readUntil(record -> {
            Header header = record.headers().lastHeader("traceparent");
            if (record.key().equals(orderId) && header != null) {
                traceparent.set(new String(header.value(), StandardCharsets.US_ASCII));
            }
        }, () -> traceparent.get() != null);
        return traceparent.get();
    }
}
