package dev.seckill.infra.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/seckill bench [--option value]...}: runs the flash-sale benchmark of the {@code benchmarks}
 * module (which needs Redis, JDBC and Gatling clients the launcher does without) as its own JVM, from
 * the classpath the build leaves in {@code benchmarks/target}.
 */
final class Bench {

    static final String MAIN = "dev.seckill.bench.FlashSaleBench";

    private Bench() {
    }

    static int run(Path root, List<String> args) {
        Path target = root.resolve("benchmarks").resolve("target");
        Path jar = target.resolve("benchmarks.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(target.resolve("bench-libs"))) {
            throw new IllegalStateException(jar + " or its bench-libs are missing; build first: ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dseckill.project-root=" + root,
                "-Dseckill.server-libs=" + root.resolve("infra/target/server-libs"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // The bench stops Kafka on purpose (the naive baseline's loss check): its clients' reconnect warnings are noise.
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error",
                "-Djava.util.logging.SimpleFormatter.format=%5$s%n",
                "-cp", jar + File.pathSeparator + target.resolve("bench-libs").resolve("*"),
                MAIN));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the benchmark", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the benchmark ran", e);
        }
    }
}
