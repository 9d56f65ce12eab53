package dev.seckill.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.contract.SaleKeys;
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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One platform for a test class, on free ports, and what its tests need around it: shoppers with
 * tokens talking to the gateway, and direct looks into Redis and the database to check what the
 * API said.
 */
final class PlatformFixture implements AutoCloseable {

    private final Platform platform;
    private final ApiClient api;
    private final Map<String, String> environment;
    private final RedisClient redisClient;
    private final StatefulRedisConnection<String, String> redisConnection;

    private PlatformFixture(Platform platform) {
        this.platform = platform;
        this.api = new ApiClient(platform.gatewayUrl());
        this.environment = platform.environmentFor(platform.consumer());
        this.redisClient = RedisClient.create(RedisURI.create(environment.get("SPRING_DATA_REDIS_HOST"),
                Integer.parseInt(environment.get("SPRING_DATA_REDIS_PORT"))));
        this.redisConnection = redisClient.connect();
    }

    /** Starts the servers if needed and the three services, under {@code target/platform-<name>}. */
    static PlatformFixture start(Servers servers, String name) {
        return start(servers, name, Map.of());
    }

    /** As {@link #start(Servers, String)}, with {@code settings} (environment variables) for the services. */
    static PlatformFixture start(Servers servers, String name, Map<String, String> settings) {
        Path root = Path.of(System.getProperty("seckill.project-root", "..")).toAbsolutePath().normalize();
        Platform platform = Platform.onFreePorts(servers, root, Path.of("target", "platform-" + name).toAbsolutePath());
        platform.up(settings);
        return new PlatformFixture(platform);
    }

    Platform platform() {
        return platform;
    }

    ApiClient api() {
        return api;
    }

    RedisCommands<String, String> redis() {
        return redisConnection.sync();
    }

    /** Starts a stopped (or killed) service again with the platform's environment plus {@code overrides}. */
    void restart(ServiceProcess service, Map<String, String> overrides) {
        Map<String, String> env = new java.util.HashMap<>(platform.environmentFor(service));
        env.putAll(overrides);
        service.start(env);
    }

    long createSale(int stock, int perUserLimit) {
        return createSale(stock, perUserLimit, "");
    }

    /** A sale whose orders must be paid within {@code paymentWindowSeconds} of the purchase. */
    long createSale(int stock, int perUserLimit, int paymentWindowSeconds) {
        return createSale(stock, perUserLimit, ",\"paymentWindowSeconds\":" + paymentWindowSeconds);
    }

    private long createSale(int stock, int perUserLimit, String moreFields) {
        Instant now = Instant.now();
        ApiResponse created = api.postJson("/api/admin/sales", admin(), """
                {"skuId":"E2E","title":"End-to-end sale","price":5.00,"stock":%d,
                 "startAt":"%s","endAt":"%s","perUserLimit":%d%s}"""
                .formatted(stock, now.minusSeconds(1), now.plusSeconds(3600), perUserLimit, moreFields));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().path("saleId").asLong();
    }

    CompletableFuture<ApiResponse> purchaseAsync(long saleId, String userId) {
        return api.postJsonAsync("/api/sales/" + saleId + "/purchases", shopper(userId), "{\"quantity\":1}");
    }

    /** A purchase a shopper may send again: the same key gets the same order. */
    CompletableFuture<ApiResponse> purchaseAsync(long saleId, String userId, String idempotencyKey) {
        Map<String, String> headers = new java.util.HashMap<>(shopper(userId));
        headers.put("Idempotency-Key", idempotencyKey);
        return api.postJsonAsync("/api/sales/" + saleId + "/purchases", headers, "{\"quantity\":1}");
    }

    ApiResponse purchase(long saleId, String userId) {
        return purchaseAsync(saleId, userId).join();
    }

    String orderStatus(String orderId, String userId) {
        return api.get("/api/orders/" + orderId, shopper(userId)).text("status");
    }

    long stockLeft(long saleId) {
        return Long.parseLong(redis().get(new SaleKeys(saleId).stock()));
    }

    Map<String, String> shopper(String userId) {
        return ApiClient.bearer(platform.tokens().shopper(userId));
    }

    Map<String, String> admin() {
        return ApiClient.bearer(platform.tokens().admin("e2e-admin"));
    }

    long countOrders(long saleId) throws SQLException {
        return queryLong("SELECT COUNT(*) FROM orders WHERE sale_id = ?", saleId);
    }

    /** The public ids ({@code <saleId>-<uuid>}) of the sale's orders in MySQL, with their statuses. */
    Map<String, String> orderStatuses(long saleId) throws SQLException {
        Map<String, String> statuses = new java.util.HashMap<>();
        try (Connection connection = database();
                PreparedStatement query = prepare(connection, "SELECT id, status FROM orders WHERE sale_id = ?", saleId);
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                statuses.put(saleId + "-" + rs.getString(1), rs.getString(2));
            }
        }
        return statuses;
    }

    long distinctBuyers(long saleId) throws SQLException {
        return queryLong("SELECT COUNT(DISTINCT user_id) FROM orders WHERE sale_id = ?", saleId);
    }

    /** The first column of the first row of a query on the platform's database. */
    long queryLong(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database();
                PreparedStatement query = prepare(connection, sql, parameters)) {
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Changes rows behind the services' backs, to stage what a crash would leave. */
    int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(environment.get("SPRING_DATASOURCE_URL"),
                environment.get("SPRING_DATASOURCE_USERNAME"), environment.get("SPRING_DATASOURCE_PASSWORD"));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** Stops the services; the servers belong to whoever started them. */
    @Override
    public void close() {
        redisConnection.close();
        redisClient.shutdown();
        platform.services().forEach(ServiceProcess::stop);
    }
}
