package dev.seckill.infra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB with its data directory under {@code dir/data}, listening on one loopback address only, with database
 * {@value #DATABASE} and user {@value #USERNAME} (empty password, all privileges on that database).
 * The empty password is acceptable because nothing but this machine can reach the server.
 */
public final class LocalMariaDb extends ProcessServer {

    public static final String DATABASE = "seckill";
    public static final String USERNAME = "seckill";

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SQL_TIMEOUT = Duration.ofSeconds(30);
    /** Unix socket paths are limited to 108 bytes; deep run directories exceed that. */
    private static final int MAX_SOCKET_PATH = 100;
    /** The default 96 MiB redo log is wasted disk for local runs, which each get their own data directory. */
    private static final String REDO_LOG_SIZE = "--innodb-log-file-size=48M";

    private MariaDbBinaries binaries;

    public LocalMariaDb(Path dir, int port) {
        this(dir, Ports.LOOPBACK, port);
    }

    /** @param host the loopback address it listens on */
    public LocalMariaDb(Path dir, String host, int port) {
        super("mariadb", dir, host, port);
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + host() + ":" + port() + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return "";
    }

    Path dataDir() {
        return dir().resolve("data");
    }

    @Override
    void prepare() throws IOException {
        if (!Files.isDirectory(dataDir().resolve("mysql"))) {
            // A data directory without system tables is a failed earlier install: nothing in it is worth keeping.
            Unpack.deleteTree(dataDir());
            install();
        }
        Files.createDirectories(dir().resolve("tmp"));
    }

    private void install() throws IOException {
        List<String> command = new ArrayList<>(List.of(binaries().installDb().toString(), "--no-defaults"));
        binaries().basedir().ifPresent(basedir -> command.add("--basedir=" + basedir));
        command.add("--datadir=" + dataDir());
        command.add("--skip-test-db");
        // root gets an empty password instead of unix-socket auth, so health checks work over TCP as any OS user.
        command.add("--auth-root-authentication-method=normal");
        command.add(REDO_LOG_SIZE);
        runAsRootIfRoot(command);
        OneShotCommand.run(command, dir(), dir().resolve("install.log"), INSTALL_TIMEOUT, "installing MariaDB");
    }

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of(binaries().server().toString(), "--no-defaults"));
        binaries().basedir().ifPresent(basedir -> command.add("--basedir=" + basedir));
        command.add("--datadir=" + dataDir());
        command.add("--port=" + port());
        command.add("--bind-address=" + host());
        command.add("--socket=" + socketPath());
        command.add("--pid-file=" + dataDir().resolve("mariadbd.pid"));
        command.add("--tmpdir=" + dir().resolve("tmp"));
        // MariaDB 11.4 generates a TLS certificate at every start when none is configured: about 15 s of CPU
        // on a 2-core machine. Local clients connect over loopback; mysql-connector-j falls back to plain TCP.
        command.add("--skip-ssl");
        // Reverse DNS per connection only adds latency (or hangs without DNS). TCP logins then match the
        // '127.0.0.1' (or, on another loopback address, '%') accounts; the install's 'root@<hostname>' row is ignored with a harmless warning.
        command.add("--skip-name-resolve");
        // MySQL 8, used in production, defaults to utf8mb4; MariaDB 11.4 still to latin1.
        command.add("--character-set-server=utf8mb4");
        command.add(REDO_LOG_SIZE);
        runAsRootIfRoot(command);
        return command;
    }

    private String socketPath() {
        Path socket = dir().resolve("mariadb.sock");
        if (socket.toString().length() <= MAX_SOCKET_PATH) {
            return socket.toString();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "seckill-mariadb-" + port() + ".sock").toString();
    }

    /** mariadbd refuses to run as root unless told to, which it is in containers and CI. */
    private static void runAsRootIfRoot(List<String> command) {
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root");
        }
    }

    @Override
    boolean isHealthy() {
        return client().tryExecute("SELECT 1", Duration.ofSeconds(5));
    }

    @Override
    void afterHealthy() {
        StringBuilder sql = new StringBuilder("CREATE DATABASE IF NOT EXISTS `" + DATABASE + "`;");
        for (String host : List.of("localhost", "127.0.0.1", "%")) {
            String account = "'" + USERNAME + "'@'" + host + "'";
            sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY '';");
            sql.append("GRANT ALL PRIVILEGES ON `").append(DATABASE).append("`.* TO ").append(account).append(';');
        }
        client().execute(sql.toString(), SQL_TIMEOUT);
    }

    /** Resolved lazily: a server adopted from an earlier JVM is probed without having been prepared. */
    private synchronized MariaDbBinaries binaries() {
        if (binaries == null) {
            try {
                binaries = MariaDbBinaries.locate();
            } catch (IOException e) {
                throw new UncheckedIOException("could not unpack MariaDB: " + e.getMessage(), e);
            }
        }
        return binaries;
    }

    private MariaDbClient client() {
        return new MariaDbClient(binaries(), host(), port());
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(90);
    }

    @Override
    Duration stopGrace() {
        return Duration.ofSeconds(30);
    }
}
