package dev.seckill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kustomize itself, as {@code kubectl apply -k} runs it: {@code kubectl kustomize dir} in a process. The
 * tests check the resources a cluster would be sent, not a second implementation of Kustomize's merge
 * rules that could disagree with the real one.
 */
final class Kustomize {

    /**
     * kubectl 1.27 is the first to embed Kustomize v5, which k8s/README.md asks for. Debian bookworm's
     * kubernetes-client is 1.20 (Kustomize v2): it refuses the overlays' {@code patches} and the
     * monitoring generator's {@code options}.
     */
    private static final int MINIMUM_MINOR = 27;

    private static final String NEEDED = "deploy-tests render k8s/ with `kubectl kustomize` and need kubectl 1." + MINIMUM_MINOR
            + " or newer (Kustomize v5) on the PATH";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Every test renders the overlays again; kubectl takes a few hundred milliseconds a run. */
    private static final Map<Path, Output> BUILT = new ConcurrentHashMap<>();

    /** What a kubectl run printed. */
    record Output(int exitCode, String out, String errors) {
    }

    private Kustomize() {
    }

    /**
     * What {@code kubectl kustomize dir} printed. Only its text is kept, so each caller parses its own
     * copy of the resources and may change them.
     */
    static Output build(Path dir) {
        if (Kubectl.UNUSABLE != null) {
            throw new AssertionError(Kubectl.UNUSABLE);
        }
        return BUILT.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> {
            try {
                return run("kubectl", "kustomize", d.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Output run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT.toSeconds()
                        + " s; it printed: " + errors.getNow(""));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError(String.join(" ", command) + " was interrupted", e);
        }
        return new Output(process.exitValue(), out.join(), errors.join());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asked once: an old or missing kubectl fails every test with the same message, not with Kustomize's. */
    private static final class Kubectl {

        static final String UNUSABLE = problem();

        private static String problem() {
            Output version;
            try {
                version = run("kubectl", "version", "--client", "-o", "json");
            } catch (IOException e) {
                return NEEDED + "; none found: " + e.getMessage();
            }
            if (version.exitCode() != 0) {
                return NEEDED + "; `kubectl version --client` failed: " + version.errors().strip();
            }
            JsonNode client;
            try {
                client = new ObjectMapper().readTree(version.out()).path("clientVersion");
            } catch (IOException e) {
                return NEEDED + "; `kubectl version --client -o json` printed no version: " + version.out();
            }
            int major = leadingNumber(client.path("major").asText());
            int minor = leadingNumber(client.path("minor").asText());
            if (major < 1 || major == 1 && minor < MINIMUM_MINOR) {
                return NEEDED + "; found " + client.path("gitVersion").asText();
            }
            return null;
        }

        /** kubectl's minor version may carry a suffix ("32+"). */
        private static int leadingNumber(String text) {
            String digits = text.replaceFirst("\\D.*$", "");
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        }
    }
}
