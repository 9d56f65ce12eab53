package dev.seckill.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.contract.SaleKeys;
import dev.seckill.infra.platform.LocalTokens;
import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.server.Servers;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole purchase path through the public API: gateway → seckill-service → Redis Lua → outbox
 * relay → Kafka → order-consumer → MySQL, the three services as processes of their own. Subclasses
 * say where the servers run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FlashSaleScenarios {

    private Platform platform;
    private LocalTokens tokens;
    private ApiClient api;
    private Map<String, String> environment;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> redisConnection;
    private RedisCommands<String, String> redis;

    /** The servers the services run against; started by the platform if they are not yet. */
    abstract Servers servers();

    /** Whether the servers belong to this test class alone, and so stop with it. */
    boolean ownsServers() {
        return false;
    }

    @BeforeAll
    void startPlatform() {
        Path root = Path.of(System.getProperty("seckill.project-root", "..")).toAbsolutePath().normalize();
        Path runDir = Path.of("target", "platform-" + getClass().getSimpleName()).toAbsolutePath();
        platform = Platform.onFreePorts(servers(), root, runDir);
        platform.up();
        tokens = platform.tokens();
        api = new ApiClient(platform.gatewayUrl());
        environment = platform.environmentFor(platform.consumer());
        redisClient = RedisClient.create(RedisURI.create(environment.get("SPRING_DATA_REDIS_HOST"),
                Integer.parseInt(environment.get("SPRING_DATA_REDIS_PORT"))));
        redisConnection = redisClient.connect();
        redis = redisConnection.sync();
    }

    @AfterAll
    void stopPlatform() {
        if (redisConnection != null) {
            redisConnection.close();
            redisClient.shutdown();
        }
        if (platform != null) {
            platform.services().forEach(ServiceProcess::stop);
            if (ownsServers()) {
                servers().stopAll();
            }
        }
    }

    @Test
    void fiveHundredShoppersForFiftyItemsMakeExactlyFiftyOrdersInMySql() throws SQLException {
        long saleId = createSale(50);

        List<ApiResponse> answers = api.all(500, i -> purchaseAsync(saleId, "shopper-" + i));

        List<ApiResponse> accepted = answers.stream().filter(a -> a.status() == 202).toList();
        assertThat(accepted).hasSize(50).allSatisfy(a -> assertThat(a.text("status")).isEqualTo("PENDING"));
        assertThat(answers.stream().filter(a -> a.isProblem(409, "sold-out"))).hasSize(450);
        assertThat(redis.get(new SaleKeys(saleId).stock())).isEqualTo("0");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(countOrders(saleId)).isEqualTo(50));
        assertThat(distinctBuyers(saleId)).isEqualTo(50);

        Map<String, String> shopperByOrder = accepted.stream().collect(Collectors.toMap(
                a -> a.text("orderId"), a -> "shopper-" + answers.indexOf(a)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(shopperByOrder.entrySet())
                .allSatisfy(order -> assertThat(orderStatus(order.getKey(), order.getValue())).isEqualTo("CREATED")));
        assertThat(api.get("/api/sales/" + saleId, Map.of()).body().path("stockLeft").asLong()).isZero();
    }

    @Test
    void aSecondPurchaseBySameShopperIsRefusedAndChangesNothing() throws SQLException {
        long saleId = createSale(10);
        ApiResponse first = purchaseAsync(saleId, "repeat-buyer").join();
        assertThat(first.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> orderStatus(first.text("orderId"), "repeat-buyer").equals("CREATED"));

        ApiResponse second = purchaseAsync(saleId, "repeat-buyer").join();

        assertThat(second.isProblem(409, "limit-reached")).as(second.toString()).isTrue();
        assertThat(redis.get(new SaleKeys(saleId).stock())).isEqualTo("9");
        assertThat(redis.hget(new SaleKeys(saleId).buyers(), "repeat-buyer")).isEqualTo("1");
        assertThat(countOrders(saleId)).isEqualTo(1);
    }

    @Test
    void refusalsThroughTheGatewayAreProblemDetails() {
        long saleId = createSale(3);
        Map<String, String> user = ApiClient.bearer(tokens.shopper("picky"));

        assertThat(api.postJson("/api/sales/987654321/purchases", user, "{\"quantity\":1}").isProblem(404, "sale-not-found"))
                .isTrue();
        assertThat(api.postJson("/api/sales/" + saleId + "/purchases", user, "{\"quantity\":0}").isProblem(400, "invalid-request"))
                .isTrue();
        assertThat(api.postJson("/api/sales/x1/purchases", user, "{\"quantity\":1}").isProblem(400, "invalid-request"))
                .isTrue();
        assertThat(api.postJson("/api/sales/" + saleId + "/purchases", Map.of("X-User-Id", "picky"), "{\"quantity\":1}")
                .isProblem(401, "unauthenticated")).isTrue();
        assertThat(api.get("/api/orders/nope", user).isProblem(400, "invalid-request")).isTrue();
        assertThat(redis.get(new SaleKeys(saleId).stock())).isEqualTo("3");
    }

    private long createSale(int stock) {
        Instant now = Instant.now();
        ApiResponse created = api.postJson("/api/admin/sales", ApiClient.bearer(tokens.admin("e2e-admin")), """
                {"skuId":"E2E","title":"End-to-end sale","price":5.00,"stock":%d,
                 "startAt":"%s","endAt":"%s","perUserLimit":1}""".formatted(stock, now.minusSeconds(1), now.plusSeconds(3600)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().path("saleId").asLong();
    }

    private java.util.concurrent.CompletableFuture<ApiResponse> purchaseAsync(long saleId, String userId) {
        return api.postJsonAsync("/api/sales/" + saleId + "/purchases", ApiClient.bearer(tokens.shopper(userId)), "{\"quantity\":1}");
    }

    private String orderStatus(String orderId, String userId) {
        return api.get("/api/orders/" + orderId, ApiClient.bearer(tokens.shopper(userId))).text("status");
    }

    private long countOrders(long saleId) throws SQLException {
        return queryLong("SELECT COUNT(*) FROM orders WHERE sale_id = ?", saleId);
    }

    private long distinctBuyers(long saleId) throws SQLException {
        return queryLong("SELECT COUNT(DISTINCT user_id) FROM orders WHERE sale_id = ?", saleId);
    }

    private long queryLong(String sql, long saleId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(environment.get("SPRING_DATASOURCE_URL"),
                environment.get("SPRING_DATASOURCE_USERNAME"), environment.get("SPRING_DATASOURCE_PASSWORD"));
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, saleId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
