package dev.seckill.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.infra.server.LocalServer;
import dev.seckill.infra.server.LocalServers;
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
}
