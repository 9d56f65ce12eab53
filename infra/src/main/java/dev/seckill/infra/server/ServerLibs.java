package dev.seckill.infra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code server-libs} directory the build fills with the server artifacts (Kafka and its
 * dependencies, the Redis and MariaDB binary jars): the Kafka classpath and the source of the binaries.
 */
public final class ServerLibs {

    public static final String PROPERTY = "seckill.server-libs";
    private static final String MARKER_PREFIX = "kafka_2.13-";

    private ServerLibs() {
    }

    /**
     * The {@value #PROPERTY} system property when set; otherwise {@code server-libs} next to infra's
     * classes or jar (both live in {@code infra/target}); otherwise {@code infra/target/server-libs}
     * seen from the working directory (a module or the project root), for when infra comes from the
     * local repository.
     */
    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!isServerLibs(dir)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + configured
                        + " is not a server-libs directory (no " + MARKER_PREFIX + "*.jar in it)");
            }
            return dir;
        }
        List<Path> candidates = new ArrayList<>();
        nextToCodeSource().ifPresent(candidates::add);
        Path cwd = Path.of("").toAbsolutePath();
        candidates.add(cwd.resolve("infra/target/server-libs"));
        candidates.add(cwd.resolveSibling("infra").resolve("target/server-libs"));
        for (Path candidate : candidates) {
            if (isServerLibs(candidate)) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("the server-libs directory was not found (looked in " + candidates
                + "); build the project first: ./mvnw -DskipTests package, or point -D" + PROPERTY
                + " at infra/target/server-libs");
    }

    /** The classpath that puts every jar of the directory on it. */
    public static String classpath(Path serverLibs) {
        return serverLibs.resolve("*").toString();
    }

    /** The jar of an artifact, whatever its version. */
    static Path jar(Path serverLibs, String artifactId) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(serverLibs, artifactId + "-*.jar")) {
            for (Path jar : jars) {
                String version = jar.getFileName().toString().substring(artifactId.length() + 1);
                if (!version.isEmpty() && Character.isDigit(version.charAt(0))) {
                    return jar;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(artifactId + "-<version>.jar is missing from " + serverLibs
                + "; rebuild the project: ./mvnw -DskipTests package");
    }

    /** Where large binaries unpacked from server-libs are cached, so every run does not unpack them again. */
    static Path distDir(Path serverLibs) {
        return serverLibs.resolveSibling("server-dist");
    }

    private static Optional<Path> nextToCodeSource() {
        try {
            CodeSource source = ServerLibs.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path classesOrJar = Path.of(source.getLocation().toURI());
            Path parent = classesOrJar.getParent();
            return parent == null ? Optional.empty() : Optional.of(parent.resolve("server-libs"));
        } catch (URISyntaxException | RuntimeException e) {
            // Nested jars and other exotic class loaders have no file location.
            return Optional.empty();
        }
    }

    private static boolean isServerLibs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, MARKER_PREFIX + "*.jar")) {
            return jars.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
