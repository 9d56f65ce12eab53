package dev.seckill.testsupport;

import dev.seckill.infra.server.LocalRedisCluster;
import dev.seckill.infra.server.LocalServers;
import dev.seckill.infra.server.ServerHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One set of real servers (Redis, MariaDB, Kafka) per test JVM, on free ports, started on first use and
 * stopped when the JVM exits. They live under {@code target/servers-<pid>} of the module under test;
 * after a clean stop only the logs are kept there.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void servers(DynamicPropertyRegistry registry) {
 *     SharedServers.get().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
 * }
 * }</pre>
 */
public final class SharedServers {

    private static final System.Logger LOG = System.getLogger(SharedServers.class.getName());

    private static LocalServers servers;
    private static RuntimeException startFailure;
    private static LocalServers apart;
    private static LocalRedisCluster redisCluster;

    private SharedServers() {
    }

    /** The running servers; the first call starts them (about 10 s), later calls return at once. */
    public static synchronized LocalServers get() {
        if (startFailure != null) {
            // Every test class would otherwise wait out the same failed start again.
            throw new IllegalStateException("the shared test servers failed to start earlier in this JVM",
                    startFailure);
        }
        if (servers == null) {
            try {
                servers = start("servers-", ServerHosts.LOOPBACK);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return servers;
    }

    /**
     * A second set, each server on a loopback address of its own ({@link ServerHosts#APART}), for tests that
     * cut one server's link by address; under {@code target/servers-apart-<pid>}, stopped when the JVM exits.
     */
    public static synchronized LocalServers apart() {
        if (apart == null) {
            apart = start("servers-apart-", ServerHosts.APART);
        }
        return apart;
    }

    private static LocalServers start(String dirPrefix, ServerHosts hosts) {
        Path runDir = Path.of("target", dirPrefix + ProcessHandle.current().pid()).toAbsolutePath();
        LocalServers started = LocalServers.onFreePorts(runDir, hosts);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndTidy(started), "shared-servers-stop"));
        started.startAll();
        return started;
    }

    /**
     * A three-master Redis Cluster, started on first use beside the other servers and stopped when
     * the JVM exits; {@link LocalRedisCluster#nodeAddresses()} goes to {@code spring.data.redis.cluster.nodes}.
     */
    public static synchronized LocalRedisCluster redisCluster() {
        if (redisCluster == null) {
            Path dir = Path.of("target", "redis-cluster-" + ProcessHandle.current().pid()).toAbsolutePath();
            LocalRedisCluster started = LocalRedisCluster.onFreePorts(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "redis-cluster-stop"));
            started.start();
            redisCluster = started;
        }
        return redisCluster;
    }

    private static void stopAndTidy(LocalServers servers) {
        try {
            servers.stopAll();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the shared test servers failed; data kept in "
                    + servers.runDir(), e);
            return;
        }
        deleteAllButLogs(servers.runDir());
    }

    /** Data and binaries weigh over 100 MB per test JVM; the logs are what a post-mortem needs. */
    private static void deleteAllButLogs(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(runDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                boolean keep = path.getFileName().toString().endsWith(".log") || isNonEmptyDirectory(path);
                if (!keep) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not tidy " + runDir, e);
        }
    }

    private static boolean isNonEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.findAny().isPresent();
        }
    }
}
