package dev.seckill.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.infra.server.LocalServer;
import dev.seckill.infra.server.LocalServers;
import dev.seckill.infra.server.Ports;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SharedServersTest {

    @Test
    void oneRunningSetPerJvmUnderTheModulesTargetDirectory() {
        LocalServers servers = SharedServers.get();

        assertThat(SharedServers.get()).isSameAs(servers);
        assertThat(servers.runDir()).isEqualTo(
                Path.of("target", "servers-" + ProcessHandle.current().pid()).toAbsolutePath());
        for (LocalServer server : servers.all()) {
            assertThat(server.isRunning()).as(server.name()).isTrue();
        }
        assertThat(servers.serviceEnvironment().get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo("127.0.0.1:" + servers.kafka().port());
    }

    @Test
    void theSetApartListensOnAnAddressPerServer() {
        LocalServers apart = SharedServers.apart();

        assertThat(SharedServers.apart()).isSameAs(apart);
        assertThat(apart.all()).extracting(LocalServer::host).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
        for (LocalServer server : apart.all()) {
            assertThat(Ports.isOpen(server.host(), server.port())).as(server.name()).isTrue();
            assertThat(Ports.isOpen("127.0.0.1", server.port())).as(server.name() + " on 127.0.0.1").isFalse();
        }
        assertThat(apart.serviceEnvironment()).containsEntry("SPRING_DATASOURCE_URL",
                "jdbc:mysql://127.0.0.3:" + apart.mariaDb().port() + "/seckill");
    }
}
