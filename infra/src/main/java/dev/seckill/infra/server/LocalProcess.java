package dev.seckill.infra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A named OS process whose identity lives in files under a directory, so a later JVM (the launcher's
 * {@code down}, a test's shutdown hook) can find and stop what an earlier one started.
 *
 * <p>Files: {@code <name>.log} (stdout and stderr, appended across restarts), {@code <name>.pid}
 * (just the pid, so shell tools can read it) and {@code <name>.command} (the resolved executable on the
 * first line, then the arguments). The process is started with {@link ProcessBuilder} and therefore
 * outlives the JVM that started it.
 */
public final class LocalProcess {

    private static final System.Logger LOG = System.getLogger(LocalProcess.class.getName());
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /**
     * Process start times are derived from the boot time, which the kernel reports in whole seconds,
     * so a start instant can look slightly later than the pid file written right after it.
     */
    private static final Duration START_TIME_SLACK = Duration.ofSeconds(5);

    private final String name;
    private final Path dir;

    public LocalProcess(String name, Path dir) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("process name must be a plain file name: " + name);
        }
        this.name = name;
        this.dir = dir.toAbsolutePath().normalize();
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve(name + ".log");
    }

    public Path pidFile() {
        return dir.resolve(name + ".pid");
    }

    Path commandFile() {
        return dir.resolve(name + ".command");
    }

    /**
     * Starts the command in {@link #dir()} with the current environment plus {@code extraEnv}.
     *
     * @return the pid
     * @throws IllegalStateException if this process is already running
     */
    public synchronized long start(List<String> command, Map<String, String> extraEnv) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        OptionalLong running = pid();
        if (running.isPresent()) {
            throw new IllegalStateException(name + " is already running as pid " + running.getAsLong());
        }
        try {
            Files.createDirectories(dir);
            Path executable = Executables.resolve(command.get(0));
            List<String> resolved = new ArrayList<>(command);
            // Not the real path: some programs look at argv[0] (busybox-style links).
            resolved.set(0, executable.toString());
            Files.writeString(logFile(),
                    "=== " + Instant.now() + " starting " + String.join(" ", resolved) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

            ProcessBuilder builder = new ProcessBuilder(resolved)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile().toFile()));
            builder.environment().putAll(extraEnv);
            Process process = startRetryingBusyExecutable(builder);
            // Servers never read stdin; an immediate EOF beats a pipe nobody writes to.
            process.getOutputStream().close();

            List<String> commandRecord = new ArrayList<>();
            commandRecord.add(realPath(executable).toString());
            commandRecord.addAll(resolved.subList(1, resolved.size()));
            Files.write(commandFile(), commandRecord, StandardCharsets.UTF_8);
            writeAtomically(pidFile(), process.pid() + System.lineSeparator());
            LOG.log(System.Logger.Level.DEBUG, "{0} started as pid {1}", name, process.pid());
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A binary this JVM has just copied can be briefly "busy" (ETXTBSY): a child forked by another
     * thread in the meantime still holds the copy's write handle until it execs. It passes in
     * milliseconds, so retry a few times.
     */
    private static Process startRetryingBusyExecutable(ProcessBuilder builder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt == 5 || e.getMessage() == null || !e.getMessage().contains("error=26")) {
                    throw e;
                }
                Pause.of(Duration.ofMillis(50L * attempt));
            }
        }
    }

    /** True when the recorded pid is alive and is plausibly the process we started (not a recycled pid). */
    public boolean isAlive() {
        return handle().isPresent();
    }

    /** The pid of the running process, empty when it is not running. */
    public OptionalLong pid() {
        return handle().map(h -> OptionalLong.of(h.pid())).orElse(OptionalLong.empty());
    }

    /**
     * Asks the process to terminate (SIGTERM), waits up to {@code grace}, then kills it.
     *
     * @return whether it had been running
     */
    public synchronized boolean stop(Duration grace) {
        Optional<ProcessHandle> handle = handle();
        if (handle.isEmpty()) {
            deleteQuietly(pidFile());
            return false;
        }
        ProcessHandle process = handle.get();
        process.destroy();
        if (!awaitExit(process, grace)) {
            LOG.log(System.Logger.Level.WARNING, "{0} (pid {1}) ignored SIGTERM for {2}; killing it",
                    name, process.pid(), grace);
            forceExit(process);
        }
        deleteQuietly(pidFile());
        return true;
    }

    /** SIGKILL, no grace: simulates a crash. Returns once the process is gone. */
    public synchronized boolean kill() {
        Optional<ProcessHandle> handle = handle();
        if (handle.isEmpty()) {
            deleteQuietly(pidFile());
            return false;
        }
        forceExit(handle.get());
        deleteQuietly(pidFile());
        return true;
    }

    private void forceExit(ProcessHandle process) {
        process.destroyForcibly();
        if (!awaitExit(process, KILL_WAIT)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for " + KILL_WAIT);
        }
    }

    private Optional<ProcessHandle> handle() {
        OptionalLong recorded = recordedPid();
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(recorded.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(this::plausiblyOurs);
    }

    private OptionalLong recordedPid() {
        try {
            String text = Files.readString(pidFile(), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A recycled pid belongs to a process that started after ours died, hence after the pid file was
     * written; and it usually runs a different executable. Fields the OS does not report count as a match.
     */
    private boolean plausiblyOurs(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        try {
            Instant written = Files.getLastModifiedTime(pidFile()).toInstant();
            Optional<Instant> started = info.startInstant();
            if (started.isPresent() && started.get().isAfter(written.plus(START_TIME_SLACK))) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        Optional<String> expected = recordedExecutable();
        Optional<String> actual = info.command();
        if (expected.isPresent() && actual.isPresent()) {
            return fileName(expected.get()).equals(fileName(actual.get()));
        }
        return true;
    }

    private Optional<String> recordedExecutable() {
        try {
            return Files.readAllLines(commandFile(), StandardCharsets.UTF_8).stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String fileName(String path) {
        Path fileName = Path.of(path).getFileName();
        return fileName == null ? path : fileName.toString();
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + process.pid() + " to exit", e);
        }
    }

    static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete " + file, e);
        }
    }

    @Override
    public String toString() {
        return "LocalProcess[" + name + " in " + dir + "]";
    }
}
