package dev.seckill.infra.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A Redis Cluster of three masters from the same redis-server binary, each its own process under
 * {@code <dir>/node-<port>}: the proof that every key of a sale shares a slot and the purchase
 * script runs unchanged on a cluster.
 */
public final class LocalRedisCluster {

    private static final int SLOTS = 16384;
    private static final int BUS_PORT_OFFSET = 10000;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

    private final List<LocalRedis> nodes;

    public LocalRedisCluster(Path dir, List<Integer> ports) {
        this.nodes = ports.stream()
                .map(port -> new LocalRedis(dir.resolve("node-" + port), Ports.LOOPBACK, port, true))
                .toList();
    }

    /** Three masters on free ports whose cluster bus ports (port + 10000) are free too. */
    public static LocalRedisCluster onFreePorts(Path dir) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < 3) {
            int port = Ports.freePort();
            if (port + BUS_PORT_OFFSET <= 65535 && Ports.isFree(port + BUS_PORT_OFFSET)) {
                ports.add(port);
            }
        }
        return new LocalRedisCluster(dir, ports);
    }

    /** Starts the nodes and, the first time, joins them and spreads the slots; blocks until the cluster is ok. */
    public void start() {
        // One after the other: each node copies the redis-server binary into its directory, and a
        // copy still open for writing while another thread forks fails to execute (ETXTBSY).
        nodes.forEach(LocalRedis::start);
        if (!isOk()) {
            form();
        }
        awaitOk();
    }

    public void stop() {
        nodes.forEach(LocalRedis::stop);
    }

    /** For {@code spring.data.redis.cluster.nodes}: {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}. */
    public String nodeAddresses() {
        return nodes.stream().map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(","));
    }

    public List<LocalRedis> nodes() {
        return nodes;
    }

    private void form() {
        LocalRedis first = nodes.get(0);
        // An IP literal: a node announces itself by IP, and MEET with a host name is refused.
        for (LocalRedis node : nodes.subList(1, nodes.size())) {
            Resp.call(first.host(), first.port(), "CLUSTER", "MEET", "127.0.0.1", Integer.toString(node.port()));
        }
        int perNode = SLOTS / nodes.size();
        for (int i = 0; i < nodes.size(); i++) {
            int from = i * perNode;
            int to = i == nodes.size() - 1 ? SLOTS - 1 : from + perNode - 1;
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            IntStream.rangeClosed(from, to).mapToObj(Integer::toString).forEach(command::add);
            LocalRedis node = nodes.get(i);
            Resp.call(node.host(), node.port(), command.toArray(String[]::new));
        }
    }

    private boolean isOk() {
        return nodes.stream().allMatch(node -> {
            String info = Resp.call(node.host(), node.port(), "CLUSTER", "INFO");
            return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + nodes.size());
        });
    }

    private void awaitOk() {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        while (!isOk()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Redis cluster did not reach cluster_state:ok within "
                        + FORM_TIMEOUT.toSeconds() + " s; see " + nodes.get(0).logFile());
            }
            Pause.of(Duration.ofMillis(100));
        }
    }
}
