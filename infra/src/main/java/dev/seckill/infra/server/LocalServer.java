package dev.seckill.infra.server;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A real server running as a separate OS process on a loopback address (127.0.0.1 unless told
 * otherwise), with its data, pid and log under
 * {@link #dir()}. Everything is keyed on the directory, so a new JVM pointing at the same directory
 * controls the same server.
 */
public interface LocalServer {

    String name();

    /** The loopback address it listens on, and the only one. */
    String host();

    int port();

    Path dir();

    /** Where the server's console output goes; the first place to look when it misbehaves. */
    Path logFile();

    /**
     * Starts the server and blocks until it is healthy. A no-op when this directory's server already
     * runs; data from an earlier run in the same directory is kept.
     *
     * @throws PortInUseException if the port is held by a process that is not this server
     * @throws IllegalStateException if it does not become healthy in time (the message names the log)
     */
    void start();

    /** Graceful stop of this directory's server; a no-op when it is not running. */
    void stop();

    /** Immediate SIGKILL, like a crash; a no-op when it is not running. */
    void kill();

    /** Whether this directory's server process is alive (not necessarily ready yet). */
    boolean isRunning();

    /** The server's pid while it runs. */
    OptionalLong pid();
}
