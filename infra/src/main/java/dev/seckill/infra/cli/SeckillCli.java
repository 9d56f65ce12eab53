package dev.seckill.infra.cli;

import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.server.LocalServer;
import dev.seckill.infra.server.LocalServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** The Java side of {@code bin/seckill}: up, down, status, demo, token, load and bench for the local platform. */
public final class SeckillCli {

    private static final String USAGE = """
            usage: bin/seckill <command>
              up       start Redis, MariaDB, Kafka and the three services; wait until all are ready
              demo     bring the platform up if needed and run a 1,000-shopper flash sale for 100 items
              status   show what is running
              down     stop everything bin/seckill started
              token USER [--admin]
                       print a signed token for USER (an admin with --admin) that the local gateway accepts
              load [SIMULATION] [--users N] [--stock N] [--ramp S] [--rate N] [--duration S] [--sales N]
                   [--p99 MS] [--poll-interval MS] [--max-polls N] [--max-connections N]
                       run a Gatling simulation (FlashSaleSpike, SustainedPurchases, StatusPollingStorm)
                       against the running platform and print where its HTML report is
              bench [--stock N] [--ramp S] [--p99 MS] [--warmup-users N] [--preload N] [--wrk-seconds S]
                   [--wrk-connections N] [--wrk-threads N] [--wrk-warmup S] [--consumer-orders N]
                   [--baseline-seconds S] [--concurrency N] [--jit-warmup S]
                       every figure of the speed goals on a platform of its own, with wrk and Gatling:
                       CPU per purchase per process, capacity, sold out, a preloaded sale, persistence,
                       latency, the baselines, the default spike's verdicts
            """;

    private SeckillCli() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || (args.length > 2 && !List.of("token", "load", "bench").contains(args[1]))) {
            // token, load and bench are the commands with arguments of their own
            System.err.print(USAGE);
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        LocalServers servers = LocalServers.localDefaults(root.resolve(".run"));
        Platform platform = Platform.localDefaults(root, servers);
        try {
            switch (args[1]) {
                case "up" -> up(platform, servers);
                case "down" -> down(platform);
                case "status" -> status(platform, servers);
                case "token" -> token(platform, args);
                case "load" -> System.exit(new Load(root, platform).run(List.of(args).subList(2, args.length)));
                case "bench" -> System.exit(Bench.run(root, List.of(args).subList(2, args.length)));
                case "demo" -> {
                    up(platform, servers);
                    new Demo(platform).run(100, 1_000);
                }
                default -> {
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("seckill: " + rootMessage(e));
            System.exit(1);
        }
        System.exit(0);
    }

    private static void up(Platform platform, LocalServers servers) {
        long started = System.nanoTime();
        System.out.println("Starting Redis, MariaDB and Kafka, then the services (first start takes longest)...");
        platform.up();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("Platform ready in %.1f s%n%n", took.toMillis() / 1000.0);
        status(platform, servers);
        System.out.printf("%nGateway (the public API): %s%n", platform.gatewayUrl());
        System.out.println("Stop everything with: bin/seckill down");
    }

    /** Prints only the token, so that {@code TOKEN=$(bin/seckill token alice)} works. */
    private static void token(Platform platform, String[] args) {
        boolean admin = args.length == 4 && args[3].equals("--admin");
        if (args.length != 3 && !admin) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String user = args[2];
        System.out.println(admin ? platform.tokens().admin(user) : platform.tokens().shopper(user));
    }

    private static void down(Platform platform) {
        platform.down();
        System.out.println("Stopped.");
    }

    private static void status(Platform platform, LocalServers servers) {
        System.out.printf("%-16s %-8s %-8s %-8s %s%n", "COMPONENT", "STATE", "PID", "PORT", "LOG");
        for (LocalServer server : servers.all()) {
            row(server.name(), server.isRunning() ? "running" : "stopped", server.pid(), server.port(), server.logFile());
        }
        for (ServiceProcess service : platform.services()) {
            String state = !service.isRunning() ? "stopped" : service.isReady() ? "ready" : "starting";
            row(service.spec().name(), state, service.pid(), service.port(), service.logFile());
        }
    }

    private static void row(String name, String state, OptionalLong pid, int port, Path log) {
        System.out.printf("%-16s %-8s %-8s %-8d %s%n", name, state,
                pid.isPresent() ? Long.toString(pid.getAsLong()) : "-", port, log);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.util.concurrent.CompletionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
