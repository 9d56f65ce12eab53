package dev.seckill.infra.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalServersConfigTest {

    private final Path runDir = Path.of("/run/seckill");

    @Test
    void defaultPortsAndOneDirectoryPerServer() {
        LocalServers servers = LocalServers.fromEnvironment(runDir, Map.of());

        assertThat(servers.redis().port()).isEqualTo(16379);
        assertThat(servers.mariaDb().port()).isEqualTo(13306);
        assertThat(servers.kafka().port()).isEqualTo(19092);
        assertThat(servers.kafka().controllerPort()).isEqualTo(19093);
        assertThat(servers.redis().dir()).isEqualTo(runDir.resolve("redis"));
        assertThat(servers.mariaDb().dir()).isEqualTo(runDir.resolve("mariadb"));
        assertThat(servers.kafka().dir()).isEqualTo(runDir.resolve("kafka"));
    }

    @Test
    void environmentVariablesOverrideThePorts() {
        LocalServers servers = LocalServers.fromEnvironment(runDir, Map.of(
                "SECKILL_REDIS_PORT", "26379", "SECKILL_MYSQL_PORT", "23306",
                "SECKILL_KAFKA_PORT", "29092", "SECKILL_KAFKA_CONTROLLER_PORT", " 29093 "));

        assertThat(servers.redis().port()).isEqualTo(26379);
        assertThat(servers.mariaDb().port()).isEqualTo(23306);
        assertThat(servers.kafka().port()).isEqualTo(29092);
        assertThat(servers.kafka().controllerPort()).isEqualTo(29093);
    }

    @Test
    void aBadPortVariableIsNamedInTheError() {
        assertThatThrownBy(() -> LocalServers.fromEnvironment(runDir, Map.of("SECKILL_MYSQL_PORT", "db")))
                .hasMessageContaining("SECKILL_MYSQL_PORT=db");
    }

    @Test
    void servicesGetEveryAddressThroughTheEnvironment() {
        LocalServers servers = LocalServers.fromEnvironment(runDir, Map.of());

        assertThat(servers.serviceEnvironment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SPRING_DATA_REDIS_HOST", "127.0.0.1",
                "SPRING_DATA_REDIS_PORT", "16379",
                "SPRING_DATASOURCE_URL", "jdbc:mysql://127.0.0.1:13306/seckill",
                "SPRING_DATASOURCE_USERNAME", "seckill",
                "SPRING_DATASOURCE_PASSWORD", "",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
        assertThat(servers.serviceProperties()).containsEntry("spring.kafka.bootstrap-servers", "127.0.0.1:19092")
                .hasSameSizeAs(servers.serviceEnvironment());
    }

    @Test
    void aTakenDefaultPortNamesTheVariableThatMovesIt() throws IOException {
        try (ServerSocket redis = foreignSocket(); ServerSocket mysql = foreignSocket();
             ServerSocket kafka = foreignSocket(); ServerSocket controller = foreignSocket()) {
            LocalServers servers = LocalServers.fromEnvironment(TestRunDirs.forClass(getClass()), Map.of(
                    "SECKILL_REDIS_PORT", port(redis), "SECKILL_MYSQL_PORT", port(mysql),
                    "SECKILL_KAFKA_PORT", port(kafka), "SECKILL_KAFKA_CONTROLLER_PORT", port(controller)));

            assertThatThrownBy(servers::startAll)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + redis.getLocalPort() + " is already in use by another process "
                            + "(redis could not take it); stop that process or set SECKILL_REDIS_PORT")
                    .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                            .anySatisfy(m -> assertThat(m).contains("SECKILL_MYSQL_PORT"))
                            .anySatisfy(m -> assertThat(m).contains("SECKILL_KAFKA_PORT")));
        }
    }

    private static ServerSocket foreignSocket() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static String port(ServerSocket socket) {
        return String.valueOf(socket.getLocalPort());
    }
}
