package dev.seckill.bench.wrk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.bench.cpu.ProcStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk, the load generator of the OS packages (C, an event loop per thread), with the bench's Lua script:
 * a closed loop of {@code connections} connections over {@code threads} threads. Each run's console goes to
 * {@code wrk-<name>.log} in the run directory.
 */
public final class Wrk {

    private static final String EXECUTABLE = "wrk";
    private static final String RESULT_LINE = "bench-result ";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The gateway's read timeout towards seckill-service: a slower answer is a failure anyway. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Path runDir;
    private final Path script;
    private final int threads;
    private final int connections;

    public Wrk(Path runDir, int threads, int connections) {
        this.runDir = runDir;
        this.script = runDir.resolve("bench.lua");
        this.threads = threads;
        this.connections = connections;
        try (InputStream source = Wrk.class.getResourceAsStream("/wrk/bench.lua")) {
            Files.createDirectories(runDir);
            Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the wrk script to " + script, e);
        }
    }

    /** Fails at once, before a platform is started for nothing, when wrk is not installed. */
    public static void requireInstalled() {
        try {
            Process probe = new ProcessBuilder(EXECUTABLE, "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("the bench drives its load with wrk, which is not installed (or not on the PATH);"
                    + " on Debian or Ubuntu: sudo apt-get install wrk");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public int threads() {
        return threads;
    }

    public int connections() {
        return connections;
    }

    public WrkResult run(String name, WrkLoad load, Duration duration) {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE,
                "--threads", Integer.toString(threads),
                "--connections", Integer.toString(connections),
                "--duration", duration.toSeconds() + "s",
                "--timeout", REQUEST_TIMEOUT.toSeconds() + "s",
                "--script", script.toString(),
                load.server().toString()));
        Path log = runDir.resolve("wrk-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(load.environment(threads));
        try {
            long ticksBefore = ProcStat.reapedChildrenTicks();
            Process wrk = builder.start();
            if (!wrk.waitFor(duration.toSeconds() + REQUEST_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
                throw new IllegalStateException("wrk (" + name + ") did not finish; see " + log);
            }
            double generatorMillis = ProcStat.millis(ProcStat.reapedChildrenTicks() - ticksBefore);
            return result(log).orElseThrow(() -> new IllegalStateException(
                    "wrk (" + name + ") exited with " + wrk.exitValue() + " without a result; see " + log))
                    .withGeneratorCpu(name, generatorMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run wrk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        }
    }

    private static Optional<WrkResult> result(Path log) throws IOException {
        try (var lines = Files.lines(log)) {
            Optional<String> line = lines.filter(text -> text.startsWith(RESULT_LINE)).findFirst();
            return line.isEmpty() ? Optional.empty()
                    : Optional.of(JSON.readValue(line.get().substring(RESULT_LINE.length()), WrkResult.class));
        }
    }
}
