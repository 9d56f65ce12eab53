package dev.seckill.seckill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.contract.OrderId;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.OrderRows;
import dev.seckill.testsupport.SharedServers;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on real servers with order-consumer's {@code orders} table beside its own, for what
 * still reads it (reconciliation, the audit of a repair). order-consumer does not run here: a test
 * writes the rows it would write, with the schema taken from order-consumer's own migrations, not a
 * copy. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OrderRowsTestBase {

    private static final String INTERNAL_TOKEN = UUID.randomUUID().toString();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SharedServers.get().serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("seckill.internal.token", () -> INTERNAL_TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    protected ApiClient api;

    @BeforeEach
    void clientAndOrdersTable() {
        api = new ApiClient(URI.create("http://127.0.0.1:" + port)).withHeaders(Map.of("X-Internal-Token", INTERNAL_TOKEN));
        migrateOrdersTable(dataSource);
    }

    /**
     * Applies order-consumer's migrations of the {@code orders} table, under order-consumer's history
     * table; idempotent. They come from the order-consumer jar on the test classpath: the reactor's
     * when both modules are built together, else the one in the local repository.
     */
    public static void migrateOrdersTable(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).table("flyway_history_orders").locations("classpath:db/migration/orders")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    protected long createSale(int stock, int perUserLimit) {
        ApiResponse created = api.postJson("/api/admin/sales", Map.of("X-User-Id", "ops"), """
                {"skuId":"SKU-2","title":"After the purchase","price":12.50,"stock":%d,
                 "startAt":"%s","endAt":"%s","perUserLimit":%d}"""
                .formatted(stock, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), perUserLimit));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().path("saleId").asLong();
    }

    /** The row order-consumer would write for this order, in {@code status}. */
    protected void insertRow(OrderId orderId, String userId, int quantity, String unitPrice, String status, Instant placedAt,
            Instant payBy) {
        OrderRows.insert(dataSource, orderId, userId, quantity, unitPrice, status, placedAt, payBy);
    }
}
