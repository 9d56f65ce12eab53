package dev.seckill.consumer;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.SaleKeys;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.OrderRows;
import dev.seckill.testsupport.SharedServers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * order-consumer's API (payment, history) over HTTP on real MariaDB and Redis, called as the gateway
 * calls it: with the internal token and the shopper's id. A test stages what the purchase and the
 * consumer would have left: an order's status hash in Redis as {@code purchase.lua} writes it, and its
 * row as the listener writes it. The Kafka listener does not start here: a second context in the
 * consumer group would take partitions from the listener tests' context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.listener.auto-startup=false", "seckill.internal.token=" + ApiTestBase.INTERNAL_TOKEN})
public abstract class ApiTestBase {

    /** What the gateway presents; the API answers only calls that carry it. */
    static final String INTERNAL_TOKEN = "api-tests-internal-token";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SharedServers.get().serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    private DataSource dataSource;

    protected ApiClient api;

    @BeforeEach
    void client(@LocalServerPort int port) {
        api = new ApiClient(URI.create("http://127.0.0.1:" + port)).withHeaders(Map.of("X-Internal-Token", INTERNAL_TOKEN));
    }

    /** A sale id no other test uses. */
    protected static long newSaleId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    /** An accepted order of one unit, as the purchase leaves it in Redis: PENDING, not in the database yet. */
    protected OrderId purchase(long saleId, String userId) {
        OrderId order = OrderId.next(saleId, Clock.systemUTC());
        redis.opsForHash().putAll(statusKey(order), Map.of("status", "PENDING", "userId", userId, "quantity", "1"));
        return order;
    }

    protected static String statusKey(OrderId order) {
        return new SaleKeys(order.saleId()).order(order);
    }

    /** The row the listener would write for this order, in {@code status}. */
    protected void insertRow(OrderId orderId, String userId, int quantity, String unitPrice, String status, Instant placedAt,
            Instant payBy) {
        OrderRows.insert(dataSource, orderId, userId, quantity, unitPrice, status, placedAt, payBy);
    }

    protected ApiResponse post(String path, String userId) {
        return api.sendAsync(api.request(path, Map.of("X-User-Id", userId)).POST(HttpRequest.BodyPublishers.noBody())).join();
    }

}
