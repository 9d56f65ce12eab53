package dev.seckill.infra.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The life cycle every server shares, exercised on Redis because it starts in a fraction of a second. */
class LocalRedisTest {

    private final Path runDir = TestRunDirs.forClass(LocalRedisTest.class);
    private LocalRedis redis;

    @AfterEach
    void stopRedis() throws IOException {
        if (redis != null) {
            redis.stop();
            TestRunDirs.keepOnlyLogs(redis.dir());
        }
    }

    @Test
    void startingTwiceKeepsTheSameProcessEvenFromANewInstance() {
        redis = new LocalRedis(runDir.resolve("twice"), Ports.freePort());
        redis.start();
        long pid = redis.pid().orElseThrow();

        redis.start();
        LocalRedis sameDirectory = new LocalRedis(runDir.resolve("twice"), redis.port());
        sameDirectory.start();

        assertThat(redis.pid()).hasValue(pid);
        assertThat(sameDirectory.pid()).hasValue(pid);
        assertThat(sameDirectory.isRunning()).isTrue();
    }

    @Test
    void runsWithoutPersistenceAndWritesPidAndLogUnderItsDirectory() throws IOException {
        redis = new LocalRedis(runDir.resolve("files"), Ports.freePort());
        redis.start();

        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", redis.port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().configGet("save")).isEqualTo(Map.of("save", ""));
            assertThat(connection.sync().configGet("appendonly")).isEqualTo(Map.of("appendonly", "no"));
        } finally {
            client.shutdown();
        }
        assertThat(Files.readString(redis.dir().resolve("redis.pid")).trim())
                .isEqualTo(String.valueOf(redis.pid().orElseThrow()));
        assertThat(redis.logFile()).isEqualTo(redis.dir().resolve("redis.log")).isNotEmptyFile();
    }

    @Test
    void stopFreesThePortAndStartAgainWorks() {
        redis = new LocalRedis(runDir.resolve("stop"), Ports.freePort());
        redis.start();

        redis.stop();

        assertThat(redis.isRunning()).isFalse();
        assertThat(redis.pid()).isEmpty();
        assertThat(Ports.isFree(redis.port())).isTrue();
        redis.stop();
        redis.start();
        assertThat(Resp.pong("127.0.0.1", redis.port())).isTrue();
    }

    @Test
    void onAnotherLoopbackAddressItListensThereOnly() {
        redis = new LocalRedis(runDir.resolve("apart"), "127.0.0.2", Ports.freePort());
        redis.start();

        assertThat(redis.host()).isEqualTo("127.0.0.2");
        assertThat(Resp.pong("127.0.0.2", redis.port())).isTrue();
        assertThat(Ports.isOpen("127.0.0.1", redis.port())).isFalse();
    }

    @Test
    void refusesAnAddressOutsideTheLoopbackNetwork() {
        assertThatThrownBy(() -> new LocalRedis(runDir.resolve("public"), "10.0.0.1", Ports.freePort()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a loopback address");
    }

    @Test
    void afterAKillTheServerIsDownAndCanBeStartedAgain() {
        redis = new LocalRedis(runDir.resolve("kill"), Ports.freePort());
        redis.start();
        long crashed = redis.pid().orElseThrow();

        redis.kill();

        assertThat(redis.isRunning()).isFalse();
        assertThat(ProcessHandle.of(crashed).filter(ProcessHandle::isAlive)).isEmpty();
        redis.start();
        assertThat(redis.pid().orElseThrow()).isNotEqualTo(crashed);
    }

    @Test
    void aPidFileLeftBehindByADeadProcessIsIgnored() throws IOException {
        redis = new LocalRedis(runDir.resolve("stale"), Ports.freePort());
        redis.start();
        long pid = redis.pid().orElseThrow();
        redis.kill();
        Files.writeString(redis.dir().resolve("redis.pid"), pid + "\n");

        assertThat(redis.isRunning()).isFalse();
        redis.start();
        assertThat(redis.isRunning()).isTrue();
    }

    @Test
    void aPortHeldByAnotherProcessIsAClearError() throws IOException {
        try (ServerSocket foreign = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            LocalRedis blocked = new LocalRedis(runDir.resolve("blocked"), foreign.getLocalPort());

            assertThatThrownBy(blocked::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + foreign.getLocalPort() + " is already in use by another process")
                    .hasMessageContaining("redis");
            assertThat(blocked.isRunning()).isFalse();
        }
    }
}
