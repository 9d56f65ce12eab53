package dev.seckill.infra.platform;

import dev.seckill.infra.server.LocalProcess;
import dev.seckill.infra.server.Pause;
import dev.seckill.infra.server.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A service's runnable jar running as its own OS process: started with the addresses of the
 * servers in its environment, ready once its readiness probe answers UP.
 */
public class ServiceProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** The JVM flags of every service, wherever it is started from: bin/seckill up, the tests, the bench. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError");

    private final ServiceSpec spec;
    private final Path artifact;
    private final List<String> launch;
    private final int port;
    private final LocalProcess process;

    public ServiceProcess(ServiceSpec spec, Path projectRoot, Path runDir, int port) {
        this(spec, runDir, port, execJar(projectRoot, spec), List.of("-jar", execJar(projectRoot, spec).toString()));
    }

    /**
     * A Spring Boot program that is not one of the platform's services but runs like one, with the same JVM
     * flags and readiness probe: a benchmark's baseline.
     *
     * @param artifact what must exist before it can start (its jar)
     * @param launch what follows the JVM flags on the command line, e.g. {@code -cp <classpath> <main class>}
     */
    public ServiceProcess(ServiceSpec spec, Path runDir, int port, Path artifact, List<String> launch) {
        this.spec = spec;
        this.artifact = artifact;
        this.launch = List.copyOf(launch);
        this.port = port;
        this.process = new LocalProcess(spec.name(), runDir.resolve(spec.name()));
    }

    private static Path execJar(Path projectRoot, ServiceSpec spec) {
        return projectRoot.resolve(spec.name()).resolve("target").resolve(spec.name() + "-exec.jar");
    }

    public ServiceSpec spec() {
        return spec;
    }

    public int port() {
        return port;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public OptionalLong pid() {
        return process.pid();
    }

    /** Starts the service unless it already runs, and waits until it is ready. */
    public void start(Map<String, String> environment) {
        if (process.isAlive()) {
            awaitReady();
            return;
        }
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(artifact + " is missing; build the project first: ./mvnw -DskipTests package");
        }
        if (!Ports.isFree(port)) {
            throw new IllegalStateException("port " + port + " (" + spec.name() + ") is already in use by another "
                    + "process; stop it or choose another port with " + spec.portVariable());
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.addAll(launch);
        process.start(command, env);
        awaitReady();
    }

    public boolean isReady() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(url().resolve("/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Graceful stop: SIGTERM, so the service finishes what it is doing. */
    public void stop() {
        process.stop(Duration.ofSeconds(45));
    }

    /** SIGKILL, for crash tests. */
    public void kill() {
        process.kill();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!isReady()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited during start-up; see " + logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(spec.name() + " was not ready after " + START_TIMEOUT.toSeconds()
                        + " s; see " + logFile());
            }
            Pause.of(Duration.ofMillis(250));
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
