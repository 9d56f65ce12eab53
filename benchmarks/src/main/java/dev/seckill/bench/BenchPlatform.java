package dev.seckill.bench;

import dev.seckill.bench.cpu.MeteredProcess;
import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.server.LocalMariaDb;
import dev.seckill.infra.server.LocalServer;
import dev.seckill.infra.server.LocalServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The bench's platform of its own: Redis, MariaDB, Kafka and the three services on free ports under
 * {@code .run/bench/platform}, started empty every run (no orders, topics or offsets of an earlier run, whose
 * unpaid orders would otherwise fall due and be cancelled in the middle of a measurement), with the services
 * configured by {@link BenchSettings#ENVIRONMENT}. Its signing key persists, so the shoppers' tokens do too.
 */
final class BenchPlatform implements AutoCloseable {

    private final LocalServers servers;
    private final Platform platform;

    BenchPlatform(Path root) {
        Path dir = root.resolve(".run/bench/platform");
        this.servers = LocalServers.onFreePorts(dir);
        this.platform = Platform.onFreePorts(servers, root, dir);
    }

    LocalServers servers() {
        return servers;
    }

    Platform platform() {
        return platform;
    }

    Path dir() {
        return servers.runDir();
    }

    void start() {
        // A run that was killed may have left its platform running, on ports this run does not know.
        stopServices();
        servers.stopAll();
        try {
            servers.kafka().deleteData();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the bench's Kafka in " + servers.kafka().dir(), e);
        }
        servers.startAll();
        emptyDatabase(servers.mariaDb());
        CompletableFuture.allOf(platform.services().stream().map(service -> CompletableFuture.runAsync(
                () -> startPatiently(service, platform.environmentFor(service, BenchSettings.ENVIRONMENT))))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** Every process of the platform, in the order of the bench's tables. */
    List<MeteredProcess> processes() {
        List<MeteredProcess> processes = new ArrayList<>();
        for (ServiceProcess service : List.of(platform.gateway(), platform.seckill(), platform.consumer())) {
            processes.add(new MeteredProcess(service.spec().name(), service::pid));
        }
        for (LocalServer server : List.of(servers.redis(), servers.kafka(), servers.mariaDb())) {
            processes.add(new MeteredProcess(server.name(), server::pid));
        }
        return processes;
    }

    /** The services find their schema missing and create it (Flyway), as on a new installation. */
    private static void emptyDatabase(LocalMariaDb mariaDb) {
        try (Connection connection = DriverManager.getConnection(mariaDb.jdbcUrl(), mariaDb.username(), mariaDb.password());
                Statement sql = connection.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + LocalMariaDb.DATABASE);
            sql.execute("CREATE DATABASE " + LocalMariaDb.DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the bench's database: " + e.getMessage(), e);
        }
    }

    /** On a busy machine a service may need longer than its start timeout; while it is alive, wait again (bounded). */
    private static void startPatiently(ServiceProcess service, Map<String, String> env) {
        for (int attempt = 1; ; attempt++) {
            try {
                service.start(env);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3 || !service.isRunning()) {
                    throw e;
                }
                System.out.printf("%s is still starting (the machine is busy); waiting longer...%n", service.spec().name());
            }
        }
    }

    private void stopServices() {
        for (ServiceProcess service : List.of(platform.gateway(), platform.seckill(), platform.consumer())) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                System.err.println("stopping " + service.spec().name() + " failed: " + e.getMessage());
            }
        }
    }

    /** Stops the services (gateway first) and the servers. */
    @Override
    public void close() {
        stopServices();
        try {
            servers.stopAll();
        } catch (RuntimeException e) {
            System.err.println("stopping the bench servers failed: " + e.getMessage());
        }
    }
}
