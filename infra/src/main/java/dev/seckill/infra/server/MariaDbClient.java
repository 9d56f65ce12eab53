package dev.seckill.infra.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SQL as root through the MariaDB command-line client over TCP: infra has no JDBC driver at run time,
 * and the client shipped with the server always matches it.
 */
final class MariaDbClient {

    private final MariaDbBinaries binaries;
    private final String host;
    private final int port;

    MariaDbClient(MariaDbBinaries binaries, String host, int port) {
        this.binaries = binaries;
        this.host = host;
        this.port = port;
    }

    /** True when the server accepted the statements. */
    boolean tryExecute(String sql, Duration timeout) {
        return run(sql, timeout).exitCode() == 0;
    }

    void execute(String sql, Duration timeout) {
        Result result = run(sql, timeout);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("MariaDB on port " + port + " rejected [" + sql + "]: " + result.output());
        }
    }

    private Result run(String sql, Duration timeout) {
        List<String> command = List.of(binaries.client().toString(),
                "--no-defaults",
                "--protocol=TCP",
                "--host=" + host,
                "--port=" + port,
                "--user=root",
                // The server runs without TLS (see LocalMariaDb); newer clients insist on it otherwise.
                "--skip-ssl",
                "--connect-timeout=2",
                "--batch",
                "--execute=" + sql);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + timeout);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to MariaDB", e);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
