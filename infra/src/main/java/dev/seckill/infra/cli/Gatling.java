package dev.seckill.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one simulation of the {@code load-tests} module as its own JVM (Gatling measures better
 * without sharing a heap with anything else), from the classpath the build leaves in
 * {@code load-tests/target}: no Maven needed at run time.
 */
public final class Gatling {

    public static final String PACKAGE = "dev.seckill.load.";
    public static final List<String> SIMULATIONS = List.of("FlashSaleSpike", "SustainedPurchases", "StatusPollingStorm", "NoopSpike");

    /** Gatling's exit status 2: the run finished but an assertion failed. */
    public static final int ASSERTIONS_FAILED = 2;

    private Gatling() {
    }

    /**
     * What one run left: Gatling's exit status and its report directory (with {@code index.html} and
     * {@code js/stats.json}).
     */
    public record Run(int exitCode, Path reportDir) {

        public Path report() {
            return reportDir.resolve("index.html");
        }

        public Path stats() {
            return reportDir.resolve("js").resolve("stats.json");
        }
    }

    /**
     * @param properties {@code load.*} system properties for the simulation
     * @param log where Gatling's console goes; {@code null} for this process's console
     * @param maxMinutes the run is killed after this long, whatever the simulation says
     */
    public static Run run(Path projectRoot, String simulation, Map<String, String> properties, Path resultsDir, Path log,
            long maxMinutes) {
        Path target = projectRoot.resolve("load-tests").resolve("target");
        Path jar = target.resolve("load-tests.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(target.resolve("gatling-libs"))) {
            throw new IllegalStateException(jar + " or its gatling-libs are missing; build first: ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-server", "-Xms512m", "-Xmx2g", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + target.resolve("gatling-libs").resolve("*"),
                "io.gatling.app.Gatling",
                "--simulation", simulation.contains(".") ? simulation : PACKAGE + simulation,
                "--results-folder", resultsDir.toString(),
                "--launcher", "maven", "--build-tool-version", "seckill"));
        try {
            Files.createDirectories(resultsDir);
            List<Path> earlier = reports(resultsDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(projectRoot.toFile());
            if (log == null) {
                builder.inheritIO();
            } else {
                builder.redirectErrorStream(true).redirectOutput(log.toFile());
            }
            Process process = builder.start();
            // Interrupted (Ctrl-C, SIGTERM): Gatling goes too, rather than loading a platform nobody watches.
            Thread stopGatling = new Thread(process::destroy, "gatling-stop");
            Runtime.getRuntime().addShutdownHook(stopGatling);
            try {
                if (!process.waitFor(maxMinutes, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Gatling (" + simulation + ") ran longer than " + maxMinutes + " min and was stopped");
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopGatling);
                } catch (IllegalStateException e) {
                    // shutting down already; the hook stops Gatling
                }
            }
            Path report = reports(resultsDir).stream().filter(dir -> !earlier.contains(dir))
                    .max(Comparator.comparing(dir -> dir.toFile().lastModified())).orElseThrow(() -> new IllegalStateException(
                    "Gatling (" + simulation + ") exited with " + process.exitValue() + " and wrote no report"
                            + (log == null ? "" : "; see " + log)));
            return new Run(process.exitValue(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Gatling", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Gatling ran", e);
        }
    }

    private static List<Path> reports(Path resultsDir) throws IOException {
        try (Stream<Path> dirs = Files.list(resultsDir)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("index.html"))).toList();
        }
    }
}
