package dev.seckill.e2e;

import dev.seckill.infra.server.Servers;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;

/**
 * The same scenarios on the production kinds of servers (MySQL 8.4, Redis 7, Apache Kafka) in
 * containers. Skipped where no Docker engine is reachable.
 */
@Testcontainers(disabledWithoutDocker = true)
class FlashSaleOnContainersEndToEndTest extends FlashSaleScenarios {

    private final ContainerServers servers = new ContainerServers();

    @Override
    Servers servers() {
        return servers;
    }

    @Override
    boolean ownsServers() {
        return true;
    }

    static final class ContainerServers implements Servers {

        private final MySQLContainer<?> mysql = new MySQLContainer<>("mysql:8.4")
                .withDatabaseName("seckill")
                .withUsername("seckill")
                .withPassword(UUID.randomUUID().toString());
        private final GenericContainer<?> redis = new GenericContainer<>("redis:7.4").withExposedPorts(6379);
        private final KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1");

        @Override
        public void startAll() {
            Startables.deepStart(mysql, redis, kafka).join();
        }

        @Override
        public void stopAll() {
            kafka.stop();
            redis.stop();
            mysql.stop();
        }

        @Override
        public Map<String, String> serviceEnvironment() {
            return Map.of(
                    "SPRING_DATA_REDIS_HOST", redis.getHost(),
                    "SPRING_DATA_REDIS_PORT", Integer.toString(redis.getMappedPort(6379)),
                    "SPRING_DATASOURCE_URL", mysql.getJdbcUrl(),
                    "SPRING_DATASOURCE_USERNAME", mysql.getUsername(),
                    "SPRING_DATASOURCE_PASSWORD", mysql.getPassword(),
                    "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers());
        }
    }
}
