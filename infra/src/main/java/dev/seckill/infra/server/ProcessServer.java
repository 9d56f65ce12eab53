package dev.seckill.infra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The start/stop life cycle shared by the servers: adopt a running one, refuse a foreign port holder,
 * prepare, launch, wait until healthy. Subclasses say how to prepare, launch and probe.
 */
abstract class ProcessServer implements LocalServer {

    private static final System.Logger LOG = System.getLogger(ProcessServer.class.getName());
    private static final Duration POLL_PAUSE = Duration.ofMillis(100);

    private final String name;
    private final Path dir;
    private final String host;
    private final int port;
    private final LocalProcess process;

    ProcessServer(String name, Path dir, String host, int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException(name + ": invalid port " + port);
        }
        if (!Ports.isLoopback(host)) {
            throw new IllegalArgumentException(name + ": " + host + " is not a loopback address; nothing but this machine may reach a local server");
        }
        this.name = name;
        this.dir = dir.toAbsolutePath().normalize();
        this.host = host;
        this.port = port;
        this.process = new LocalProcess(name, this.dir);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String host() {
        return host;
    }

    @Override
    public final int port() {
        return port;
    }

    @Override
    public final Path dir() {
        return dir;
    }

    @Override
    public final Path logFile() {
        return process.logFile();
    }

    final LocalProcess process() {
        return process;
    }

    @Override
    public final OptionalLong pid() {
        return process.pid();
    }

    @Override
    public final synchronized void start() {
        long started = System.nanoTime();
        if (process.isAlive()) {
            // Started earlier, possibly by another JVM: make sure it is usable, then leave it alone.
            try {
                awaitHealthy(startTimeout());
            } catch (IllegalStateException e) {
                throw new IllegalStateException(name + " from " + dir + " is already running (pid "
                        + process.pid().orElse(-1) + ") but is not healthy on port " + port
                        + "; if it was started with other ports, stop it first", e);
            }
            return;
        }
        for (int p : ports()) {
            if (!Ports.isFree(host, p)) {
                throw new PortInUseException(name, p, "choose another port for " + name);
            }
        }
        try {
            Files.createDirectories(dir);
            prepare();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": preparing " + dir + " failed: " + e.getMessage(), e);
        }
        process.start(command(), environment());
        try {
            awaitHealthy(startTimeout());
            afterHealthy();
        } catch (RuntimeException e) {
            // A half-started server would hold the port and make the next attempt fail differently.
            process.kill();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "{0} ready on {1}:{2} in {3} ms (pid {4}, dir {5})",
                name, host, String.valueOf(port), String.valueOf((System.nanoTime() - started) / 1_000_000),
                String.valueOf(process.pid().orElse(-1)), dir);
    }

    @Override
    public final synchronized void stop() {
        if (process.stop(stopGrace())) {
            LOG.log(System.Logger.Level.INFO, "{0} stopped", name);
        }
    }

    @Override
    public final synchronized void kill() {
        if (process.kill()) {
            LOG.log(System.Logger.Level.INFO, "{0} killed", name);
        }
    }

    @Override
    public final boolean isRunning() {
        return process.isAlive();
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + logFile()
                        + ", which ends with:" + System.lineSeparator() + LogTail.of(logFile(), 30));
            }
            if (isHealthy()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + " did not become healthy on port " + port + " within "
                        + timeout + "; see " + logFile() + ", which ends with:" + System.lineSeparator()
                        + LogTail.of(logFile(), 30));
            }
            Pause.of(POLL_PAUSE);
        }
    }

    /** Every port the server binds; all must be free before it starts. */
    List<Integer> ports() {
        return List.of(port);
    }

    /** One-off work before the process starts: binaries, config files, data directory. */
    void prepare() throws IOException {
    }

    abstract List<String> command();

    Map<String, String> environment() {
        return Map.of();
    }

    /** One probe, answering quickly; true means clients can use the server now. */
    abstract boolean isHealthy();

    /** Work that needs the running server (users, databases); must be idempotent. */
    void afterHealthy() {
    }

    abstract Duration startTimeout();

    abstract Duration stopGrace();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + host + ":" + port + ", " + dir + "]";
    }
}
