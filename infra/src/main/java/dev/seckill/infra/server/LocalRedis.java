package dev.seckill.infra.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * redis-server 6.2 without persistence: locally Redis is a cache of what the services rebuild, and
 * RDB snapshots would only cost disk and pauses. (Production uses AOF; see the design notes.)
 */
public final class LocalRedis extends ProcessServer {

    private final boolean clusterNode;
    private Path binary;

    public LocalRedis(Path dir, int port) {
        this(dir, Ports.LOOPBACK, port);
    }

    /** @param host the loopback address it listens on */
    public LocalRedis(Path dir, String host, int port) {
        this(dir, host, port, false);
    }

    /** @param clusterNode start in cluster mode, as one node of a {@link LocalRedisCluster} */
    LocalRedis(Path dir, String host, int port, boolean clusterNode) {
        super("redis", dir, host, port);
        this.clusterNode = clusterNode;
    }

    @Override
    void prepare() throws IOException {
        binary = RedisBinary.locate(dir());
    }

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--bind", host(),
                "--port", String.valueOf(port()),
                "--save", "",
                "--appendonly", "no",
                "--dir", dir().toString(),
                // We keep the pid ourselves; a daemonizing server would escape it.
                "--daemonize", "no"));
        if (clusterNode) {
            // The node keeps its view of the cluster in nodes.conf; its bus listens on port + 10000.
            command.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "5000"));
        }
        return command;
    }

    @Override
    boolean isHealthy() {
        return Resp.pong(host(), port());
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    Duration stopGrace() {
        return Duration.ofSeconds(10);
    }
}
