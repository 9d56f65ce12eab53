package dev.seckill.infra.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The three real servers, started once for the class on free ports, used the way the services use them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalServersTest {

    private LocalServers servers;

    @BeforeAll
    void startServers() {
        servers = LocalServers.onFreePorts(TestRunDirs.forClass(LocalServersTest.class));
        servers.startAll();
    }

    @AfterAll
    void stopServers() throws IOException {
        if (servers == null) {
            return;
        }
        servers.stopAll();
        for (LocalServer server : servers.all()) {
            assertThat(server.isRunning()).as(server.name()).isFalse();
            assertThat(Ports.isFree(server.port())).as(server.name() + " port").isTrue();
        }
        TestRunDirs.keepOnlyLogs(servers.runDir());
    }

    @Test
    void redisAnswersPingAndKeepsValues() {
        RedisClient client = RedisClient.create(RedisURI.create(servers.redis().host(), servers.redis().port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            assertThat(redis.ping()).isEqualTo("PONG");
            redis.set("sk:{1}:stock", "100");
            assertThat(redis.get("sk:{1}:stock")).isEqualTo("100");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void theServiceUserCanCreateWriteAndReadTablesOverJdbc() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE crud_probe (id BIGINT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB");
            statement.executeUpdate("INSERT INTO crud_probe VALUES (1, 'first'), (2, 'second')");
            // The upsert form the order consumer relies on, which MariaDB and MySQL 8 both accept.
            statement.executeUpdate("INSERT INTO crud_probe VALUES (2, 'again') ON DUPLICATE KEY UPDATE note = VALUES(note)");

            assertThat(select(statement, "SELECT note FROM crud_probe ORDER BY id")).containsExactly("first", "again");
            assertThat(select(statement, "SELECT @@character_set_server")).containsExactly("utf8mb4");
        }
    }

    @Test
    void mariaDbKeepsItsDataAcrossAStopAndStart() throws SQLException {
        LocalMariaDb mariaDb = servers.mariaDb();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE restart_probe (id BIGINT PRIMARY KEY)");
            statement.executeUpdate("INSERT INTO restart_probe VALUES (42)");
        }

        mariaDb.stop();
        assertThat(mariaDb.isRunning()).isFalse();
        assertThat(Ports.isFree(mariaDb.port())).isTrue();
        mariaDb.start();

        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(select(statement, "SELECT id FROM restart_probe")).containsExactly("42");
        }
    }

    @Test
    void kafkaTakesARecordFromAnIdempotentProducerToAConsumerGroup() throws Exception {
        String topic = "probe-" + UUID.randomUUID();
        createTopic(topic);

        produce(topic, "order-1", "created");

        assertThat(consumeOne(topic)).isEqualTo("order-1=created");
    }

    @Test
    void kafkaKeepsTopicsAndRecordsAcrossAStopAndStart() throws Exception {
        String topic = "restart-" + UUID.randomUUID();
        createTopic(topic);
        produce(topic, "order-2", "before-restart");
        LocalKafka kafka = servers.kafka();

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        assertThat(Ports.isFree(kafka.port())).isTrue();
        kafka.start();

        assertThat(consumeOne(topic)).isEqualTo("order-2=before-restart");
    }

    @Test
    void startingARunningServerIsANoOp() {
        for (LocalServer server : servers.all()) {
            long pid = server.pid().orElseThrow();
            server.start();
            assertThat(server.pid()).as(server.name()).hasValue(pid);
        }
    }

    private Connection connect() throws SQLException {
        LocalMariaDb mariaDb = servers.mariaDb();
        return DriverManager.getConnection(mariaDb.jdbcUrl(), mariaDb.username(), mariaDb.password());
    }

    private static List<String> select(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
    }

    private void produce(String topic, String key, String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private String consumeOne(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    consumer.commitSync();
                    return record.key() + "=" + record.value();
                }
            }
        }
        throw new AssertionError("no record arrived on " + topic + " within 30 s");
    }
}
