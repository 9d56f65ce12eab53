package dev.seckill.infra.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one JVM) running from the jars in server-libs.
 * The storage is formatted once; later starts reuse it, so topics and records survive a stop.
 */
public final class LocalKafka extends ProcessServer {

    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);

    private final int controllerPort;

    public LocalKafka(Path dir, int port, int controllerPort) {
        this(dir, Ports.LOOPBACK, port, controllerPort);
    }

    /** @param host the loopback address both listeners bind and the broker advertises */
    public LocalKafka(Path dir, String host, int port, int controllerPort) {
        super("kafka", dir, host, port);
        if (controllerPort == port) {
            throw new IllegalArgumentException("kafka: the controller port must differ from the broker port " + port);
        }
        this.controllerPort = controllerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public String bootstrapServers() {
        return host() + ":" + port();
    }

    Path dataDir() {
        return dir().resolve("data");
    }

    /** Forgets every topic, record and consumer offset: the next start formats empty storage. Only while stopped. */
    public synchronized void deleteData() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("kafka is running in " + dir() + "; stop it before deleting its data");
        }
        Unpack.deleteTree(dataDir());
    }

    private Path serverProperties() {
        return dir().resolve("server.properties");
    }

    private Path log4jProperties() {
        return dir().resolve("log4j.properties");
    }

    @Override
    List<Integer> ports() {
        return List.of(port(), controllerPort);
    }

    @Override
    void prepare() throws IOException {
        // Rewritten every time: the ports may differ from the previous run of this directory.
        Files.writeString(serverProperties(), KafkaConfigFiles.render(
                KafkaConfigFiles.serverProperties(host(), port(), controllerPort, dataDir())), StandardCharsets.UTF_8);
        Files.writeString(log4jProperties(), KafkaConfigFiles.render(
                KafkaConfigFiles.log4jProperties(dir().resolve("logs").resolve("server.log"))), StandardCharsets.UTF_8);
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            format();
        }
    }

    private void format() throws IOException {
        List<String> command = java("kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(),
                "--config", serverProperties().toString(),
                "--ignore-formatted");
        OneShotCommand.run(command, dir(), dir().resolve("format.log"), FORMAT_TIMEOUT, "formatting the Kafka storage");
    }

    @Override
    List<String> command() {
        return java("kafka.Kafka", serverProperties().toString());
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Executables.currentJava().toString(),
                "-Xmx512m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlog4j.configuration=" + log4jProperties().toUri(),
                "-cp", ServerLibs.classpath(ServerLibs.locate()),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    @Override
    boolean isHealthy() {
        // The port check first keeps the Admin client from logging connection warnings while the JVM boots.
        return Ports.isOpen(host(), port()) && KafkaHealth.clusterReady(bootstrapServers(), Duration.ofSeconds(3));
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    @Override
    Duration stopGrace() {
        return Duration.ofSeconds(30);
    }
}
