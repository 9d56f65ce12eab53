package dev.seckill.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.platform.ServiceSpec;
import dev.seckill.infra.server.LocalMariaDb;
import dev.seckill.infra.server.LocalServers;
import dev.seckill.infra.server.Ports;
import dev.seckill.testsupport.OrderEvents;
import dev.seckill.testsupport.SharedServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * order-consumer as a real process, stopped in the middle of a stream of orders: by SIGKILL (a crash)
 * and by SIGTERM (a deployment). Either way, once it is back the table holds exactly the orders that
 * were sent, no more and no fewer. The events go straight to Kafka, as seckill-service's relay sends
 * them, so nothing else of the platform takes part. Each test has its own topic and consumer group.
 */
class ConsumerCrashEndToEndTest {

    private static final int ORDERS = 20_000;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final LocalServers servers = SharedServers.get();
    private final String topic = "crash-test-" + UUID.randomUUID();
    private final String group = topic + "-group";
    private final long saleId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final Map<String, String> environment = new HashMap<>(servers.serviceEnvironment());
    private ServiceProcess consumer;
    private OrderEvents events;
    private Connection database;

    @BeforeEach
    void startConsumer(TestInfo test) throws SQLException {
        Path root = Path.of(System.getProperty("seckill.project-root", "..")).toAbsolutePath().normalize();
        Path runDir = Path.of("target", "platform-" + getClass().getSimpleName(),
                test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        consumer = new ServiceProcess(ServiceSpec.ORDER_CONSUMER, root, runDir, Ports.freePort());
        environment.put("SECKILL_CONSUMER_TOPIC", topic);
        environment.put("SECKILL_CONSUMER_DEAD_LETTER_TOPIC", topic + ".DLT");
        environment.put("SPRING_KAFKA_CONSUMER_GROUP_ID", group);
        // Small batches spread the stream over many commits, so a stop lands between two of them.
        environment.put("SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "100");
        // A crashed member keeps its partitions until its session times out (45 s by default); the
        // broker's minimum keeps the restart after SIGKILL short.
        environment.put("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "6000");
        environment.put("SPRING_KAFKA_CONSUMER_PROPERTIES_HEARTBEAT_INTERVAL_MS", "1000");
        // It serves payments and history too, so it starts only with the gateway's token and a payment provider.
        environment.put("SECKILL_INTERNAL_TOKEN", "internal-" + UUID.randomUUID());
        environment.put("SECKILL_PAYMENT_PROVIDER", "fake");
        events = new OrderEvents(servers.kafka().bootstrapServers(), topic);
        LocalMariaDb mariaDb = servers.mariaDb();
        database = DriverManager.getConnection(mariaDb.jdbcUrl(), mariaDb.username(), mariaDb.password());
        consumer.start(environment);
    }

    @AfterEach
    void stopConsumer() throws SQLException {
        consumer.stop();
        events.close();
        database.close();
    }

    @Test
    void killedMidStreamAndRestartedItWritesExactlyTheOrdersSent() throws Exception {
        List<OrderPlaced> orders = OrderEvents.orders(saleId, ORDERS);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> events.send(orders));
        awaitSomeRows();

        consumer.kill();
        sending.join();
        long written = rows();
        System.out.printf("SIGKILL after %,d of %,d orders were written%n", written, ORDERS);
        assertThat(written).as("rows written before the crash").isLessThan(ORDERS);

        consumer.start(environment);
        await().atMost(PATIENCE).until(() -> events.consumedAll(group));
        assertExactly(orders);
    }

    @Test
    void stoppedGracefullyItCommitsWhatItWroteLeavesTheGroupAndLosesNothing() throws Exception {
        List<OrderPlaced> orders = OrderEvents.orders(saleId, ORDERS);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> events.send(orders));
        awaitSomeRows();

        long stopping = System.nanoTime();
        consumer.stop();
        Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
        sending.join();

        // Under the 30 s shutdown phase, so it ended by itself and was not killed after the grace period.
        assertThat(stopped).isLessThan(Duration.ofSeconds(30));
        long written = rows();
        System.out.printf("SIGTERM after %,d of %,d orders were written; stopped in %d ms%n", written, ORDERS,
                stopped.toMillis());
        assertThat(written).as("rows written before the stop").isLessThan(ORDERS);
        // The batch in flight was finished and committed: every row written is a committed offset.
        assertThat(events.committed(group)).isEqualTo(written);
        // The consumer left the group on its way out instead of holding its partitions until a timeout.
        assertThat(groupMembers()).isEmpty();

        consumer.start(environment);
        await().atMost(PATIENCE).until(() -> events.consumedAll(group));
        assertExactly(orders);
    }

    @Test
    void theDatabaseBreakerIsInTheHealthEndpointAndTheMetrics() throws Exception {
        String health = get("/actuator/health");
        assertThat(health).contains("\"circuitBreakers\"").contains("\"orders-db\"").contains("\"CLOSED\"");
        assertThat(get("/actuator/prometheus"))
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"orders-db\"[^}]*state=\"closed\"[^}]*} 1\\.0");
    }

    private void awaitSomeRows() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> rows() >= ORDERS / 10);
    }

    private void assertExactly(List<OrderPlaced> sent) throws SQLException {
        Set<String> expected = sent.stream().map(order -> OrderId.parse(order.orderId()).uuid().toString())
                .collect(Collectors.toSet());
        List<String> stored = storedIds();
        assertThat(stored).hasSize(sent.size());
        assertThat(new HashSet<>(stored)).isEqualTo(expected);
    }

    private long rows() throws SQLException {
        try (PreparedStatement query = database.prepareStatement("SELECT COUNT(*) FROM orders WHERE sale_id = ?")) {
            query.setLong(1, saleId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private List<String> storedIds() throws SQLException {
        try (PreparedStatement query = database.prepareStatement("SELECT id FROM orders WHERE sale_id = ?")) {
            query.setLong(1, saleId);
            try (ResultSet result = query.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (result.next()) {
                    ids.add(result.getString(1));
                }
                return ids;
            }
        }
    }

    private List<String> groupMembers() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers.kafka().bootstrapServers()))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .describedGroups().get(group).get();
            return description.members().stream().map(MemberDescription::consumerId).toList();
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(consumer.url() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
