package dev.seckill.infra.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Redis, MariaDB and Kafka together under one run directory ({@code <runDir>/redis}, {@code /mariadb},
 * {@code /kafka}): the launcher's local environment and the integration tests' servers alike.
 */
public final class LocalServers implements Servers {

    public static final int DEFAULT_REDIS_PORT = 16379;
    public static final int DEFAULT_MYSQL_PORT = 13306;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;

    static final String REDIS_PORT_ENV = "SECKILL_REDIS_PORT";
    static final String MYSQL_PORT_ENV = "SECKILL_MYSQL_PORT";
    static final String KAFKA_PORT_ENV = "SECKILL_KAFKA_PORT";
    static final String KAFKA_CONTROLLER_PORT_ENV = "SECKILL_KAFKA_CONTROLLER_PORT";

    private final Path runDir;
    private final LocalRedis redis;
    private final LocalMariaDb mariaDb;
    private final LocalKafka kafka;
    private final Map<String, String> portVariables;

    public LocalServers(Path runDir, int redisPort, int mariaDbPort, int kafkaPort, int kafkaControllerPort) {
        this(runDir, ServerHosts.LOOPBACK, redisPort, mariaDbPort, kafkaPort, kafkaControllerPort, Map.of());
    }

    private LocalServers(Path runDir, ServerHosts hosts, int redisPort, int mariaDbPort, int kafkaPort,
                         int kafkaControllerPort, Map<String, String> portVariables) {
        this.runDir = runDir.toAbsolutePath().normalize();
        this.redis = new LocalRedis(this.runDir.resolve("redis"), hosts.redis(), redisPort);
        this.mariaDb = new LocalMariaDb(this.runDir.resolve("mariadb"), hosts.mariaDb(), mariaDbPort);
        this.kafka = new LocalKafka(this.runDir.resolve("kafka"), hosts.kafka(), kafkaPort, kafkaControllerPort);
        this.portVariables = portVariables;
    }

    /** The fixed local ports (Redis 16379, MariaDB 13306, Kafka 19092/19093), each overridable by env var. */
    public static LocalServers localDefaults(Path runDir) {
        return fromEnvironment(runDir, System.getenv());
    }

    static LocalServers fromEnvironment(Path runDir, Map<String, String> env) {
        return new LocalServers(runDir, ServerHosts.LOOPBACK,
                port(env, REDIS_PORT_ENV, DEFAULT_REDIS_PORT),
                port(env, MYSQL_PORT_ENV, DEFAULT_MYSQL_PORT),
                port(env, KAFKA_PORT_ENV, DEFAULT_KAFKA_PORT),
                port(env, KAFKA_CONTROLLER_PORT_ENV, DEFAULT_KAFKA_CONTROLLER_PORT),
                Map.of("redis", REDIS_PORT_ENV, "mariadb", MYSQL_PORT_ENV, "kafka",
                        KAFKA_PORT_ENV + " / " + KAFKA_CONTROLLER_PORT_ENV));
    }

    /** Ports nobody uses right now: for tests, which must not collide with a running local environment. */
    public static LocalServers onFreePorts(Path runDir) {
        return onFreePorts(runDir, ServerHosts.LOOPBACK);
    }

    /** As {@link #onFreePorts(Path)}, each server on the address {@code hosts} gives it. */
    public static LocalServers onFreePorts(Path runDir, ServerHosts hosts) {
        return new LocalServers(runDir, hosts, Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Map.of());
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + "=" + value + " is not a TCP port");
    }

    public Path runDir() {
        return runDir;
    }

    public LocalRedis redis() {
        return redis;
    }

    public LocalMariaDb mariaDb() {
        return mariaDb;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public List<LocalServer> all() {
        return List.of(redis, mariaDb, kafka);
    }

    /**
     * Starts the three in parallel and returns when all are healthy. If one fails, the others are still
     * waited for (and left running, so their state can be inspected); the first failure is thrown.
     */
    @Override
    public void startAll() {
        onEach(server -> {
            try {
                server.start();
            } catch (PortInUseException e) {
                String variable = portVariables.get(server.name());
                throw variable == null ? e : new PortInUseException(server.name(), e.port(), "set " + variable);
            }
        });
    }

    /** Stops the three gracefully, in parallel. */
    @Override
    public void stopAll() {
        onEach(LocalServer::stop);
    }

    private void onEach(Consumer<LocalServer> action) {
        ExecutorService executor = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "local-servers");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (LocalServer server : all()) {
                futures.add(CompletableFuture.runAsync(() -> action.accept(server), executor));
            }
            RuntimeException failure = null;
            for (CompletableFuture<Void> future : futures) {
                try {
                    future.join();
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            executor.shutdown();
        }
    }

    /** The environment variables through which the Spring Boot services find these servers. */
    @Override
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_DATA_REDIS_HOST", redis.host());
        env.put("SPRING_DATA_REDIS_PORT", String.valueOf(redis.port()));
        env.put("SPRING_DATASOURCE_URL", mariaDb.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", mariaDb.username());
        env.put("SPRING_DATASOURCE_PASSWORD", mariaDb.password());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        return env;
    }

    /** The same as Spring property names, for tests that run a service in-process (@DynamicPropertySource). */
    public Map<String, String> serviceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.data.redis.host", redis.host());
        properties.put("spring.data.redis.port", String.valueOf(redis.port()));
        properties.put("spring.datasource.url", mariaDb.jdbcUrl());
        properties.put("spring.datasource.username", mariaDb.username());
        properties.put("spring.datasource.password", mariaDb.password());
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        return properties;
    }

    @Override
    public String toString() {
        return "LocalServers[redis " + redis.host() + ":" + redis.port() + ", mariadb " + mariaDb.host() + ":"
                + mariaDb.port() + ", kafka " + kafka.host() + ":" + kafka.port()
                + "/" + kafka.controllerPort() + ", " + runDir + "]";
    }
}
