package dev.seckill.infra.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generic process handling, on a small Java program standing in for a service jar. */
class LocalProcessTest {

    private static final String IDLE_PROGRAM = """
            public class Idle {
                public static void main(String[] args) throws Exception {
                    System.out.println("greeting=" + System.getenv("GREETING"));
                    System.err.println("stderr too");
                    new java.util.concurrent.CountDownLatch(1).await();
                }
            }
            """;

    private final Path dir = TestRunDirs.forClass(LocalProcessTest.class);
    private final LocalProcess process = new LocalProcess("idle", dir);

    @AfterEach
    void stopProcess() {
        process.kill();
    }

    @Test
    void runsWithExtraEnvironmentLogsBothStreamsAndStopsOnSigterm() throws IOException {
        long pid = process.start(idleCommand(), Map.of("GREETING", "hello"));

        assertThat(process.isAlive()).isTrue();
        assertThat(process.pid()).hasValue(pid);
        assertThat(Files.readString(process.pidFile()).trim()).isEqualTo(String.valueOf(pid));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Files.readString(process.logFile())).contains("greeting=hello", "stderr too"));
        assertThatThrownBy(() -> process.start(idleCommand(), Map.of()))
                .hasMessageContaining("already running as pid " + pid);

        assertThat(process.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(process.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(process.pidFile()).doesNotExist();
        assertThat(process.stop(Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void aLivePidThatStartedAfterThePidFileWasWrittenIsNotOurs() throws IOException {
        // This JVM is alive and runs java, like the recorded command, but it started after this pid file.
        Files.createDirectories(dir);
        Files.writeString(process.pidFile(), ProcessHandle.current().pid() + "\n");
        Files.write(dir.resolve("idle.command"),
                List.of(Executables.currentJava().toRealPath().toString()));
        Files.setLastModifiedTime(process.pidFile(), FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        assertThat(process.isAlive()).isFalse();
        assertThat(process.stop(Duration.ofSeconds(1))).isFalse();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void aLivePidRunningAnotherProgramIsNotOurs() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(process.pidFile(), ProcessHandle.current().pid() + "\n");
        Files.write(dir.resolve("idle.command"), List.of("/opt/elsewhere/bin/redis-server"));

        assertThat(process.isAlive()).isFalse();
    }

    private List<String> idleCommand() throws IOException {
        Path source = dir.resolve("Idle.java");
        Files.createDirectories(dir);
        Files.writeString(source, IDLE_PROGRAM);
        return List.of(Executables.currentJava().toString(), "-Xmx32m", source.toString());
    }
}
