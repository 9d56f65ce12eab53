package dev.seckill.infra.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * redis-server 6.2 without persistence: locally Redis is a cache of what the services rebuild, and
 * RDB snapshots would only cost disk and pauses. (Production uses AOF; see the design notes.)
 */
public final class LocalRedis extends ProcessServer {

    private Path binary;

    public LocalRedis(Path dir, int port) {
        super("redis", dir, port);
    }

    public String host() {
        return "127.0.0.1";
    }

    @Override
    void prepare() throws IOException {
        binary = RedisBinary.locate(dir());
    }

    @Override
    List<String> command() {
        return List.of(binary.toString(),
                "--bind", "127.0.0.1",
                "--port", String.valueOf(port()),
                "--save", "",
                "--appendonly", "no",
                "--dir", dir().toString(),
                // We keep the pid ourselves; a daemonizing server would escape it.
                "--daemonize", "no");
    }

    @Override
    boolean isHealthy() {
        return RedisPing.pong(host(), port());
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
