package dev.seckill.seckill.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.infra.server.LocalRedis;
import dev.seckill.infra.server.Ports;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import dev.seckill.testsupport.netfault.NetworkFaults;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A purchase while the link to Redis is cut (every packet dropped, so nothing is refused or reset: the
 * command just gets no answer) is a quick 503 problem the shopper may retry, not a 500 and not a hang.
 * Redis is this class's own, on an address of its own, so the cut touches nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.data.redis.timeout=1s", "seckill.sale.sold-out-recheck=1h"})
class RedisCutIntegrationTest {

    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);
    private static final LocalRedis REDIS = new LocalRedis(
            Path.of("target", "redis-cut-" + ProcessHandle.current().pid()).toAbsolutePath(), "127.0.0.2", Ports.freePort());

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        REDIS.start();
        SharedServers.get().serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("seckill.internal.token", () -> PurchaseIntegrationTest.INTERNAL_TOKEN);
    }

    @LocalServerPort
    int port;

    private NetworkFaults faults;
    private ApiClient api;

    @BeforeEach
    void open() {
        faults = NetworkFaults.open();
        api = new ApiClient(URI.create("http://127.0.0.1:" + port))
                .withHeaders(Map.of("X-Internal-Token", PurchaseIntegrationTest.INTERNAL_TOKEN));
    }

    @AfterEach
    void heal() {
        faults.close();
    }

    @AfterAll
    static void stopRedis() {
        REDIS.stop();
    }

    @Test
    void aPurchaseWhileRedisIsCutOffIsAQuickServiceUnavailableProblemAndSalesGoOnAfterTheHeal() {
        ApiResponse created = api.postJson("/api/admin/sales", PurchaseIntegrationTest.ADMIN, """
                {"skuId":"SKU-CUT","title":"Cut sale","price":1.00,"stock":10,
                 "startAt":"%s","endAt":"%s","perUserLimit":1}""".formatted(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long saleId = created.body().path("saleId").asLong();
        assertThat(purchase(saleId, "before-cut").status()).isEqualTo(202);

        faults.cut(REDIS.host(), REDIS.port());
        long started = System.nanoTime();
        ApiResponse during = purchase(saleId, "during-cut");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(faults.droppedPackets()).as("packets the cut dropped").isPositive();
        assertThat(during.isProblem(503, "service-unavailable")).as(during.toString()).isTrue();
        assertThat(during.header("Retry-After")).isEqualTo("1");
        assertThat(took).isBetween(REDIS_TIMEOUT, REDIS_TIMEOUT.plusSeconds(2));

        faults.heal();
        // The connection survived the cut; TCP retransmits what was stuck, and the same key gets one order.
        await().atMost(Duration.ofSeconds(30)).until(() -> purchase(saleId, "during-cut").status() == 202);
        assertThat(purchase(saleId, "after-heal").status()).isEqualTo(202);
    }

    private ApiResponse purchase(long saleId, String userId) {
        return api.postJson("/api/sales/" + saleId + "/purchases",
                Map.of("X-User-Id", userId, "Idempotency-Key", "key-" + userId), "{\"quantity\":1}");
    }
}
