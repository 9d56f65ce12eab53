package dev.seckill.infra.platform;

import dev.seckill.infra.server.LocalServers;
import dev.seckill.infra.server.Ports;
import dev.seckill.infra.server.Servers;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * The whole platform on one machine: the three real servers and the three services, each its own
 * process. bin/seckill runs it on the documented ports; the end-to-end tests run it on free ports.
 */
public class Platform {

    private final Servers servers;
    private final Path runDir;
    private final ServiceProcess consumer;
    private final ServiceProcess seckill;
    private final ServiceProcess gateway;

    private Platform(Servers servers, Path projectRoot, Path runDir, ToIntFunction<ServiceSpec> ports) {
        this.servers = servers;
        this.runDir = runDir;
        this.consumer = new ServiceProcess(ServiceSpec.ORDER_CONSUMER, projectRoot, runDir,
                ports.applyAsInt(ServiceSpec.ORDER_CONSUMER));
        this.seckill = new ServiceProcess(ServiceSpec.SECKILL_SERVICE, projectRoot, runDir,
                ports.applyAsInt(ServiceSpec.SECKILL_SERVICE));
        this.gateway = new ServiceProcess(ServiceSpec.API_GATEWAY, projectRoot, runDir,
                ports.applyAsInt(ServiceSpec.API_GATEWAY));
    }

    /** The documented local ports, each overridable by its environment variable. */
    public static Platform localDefaults(Path projectRoot, LocalServers servers) {
        return new Platform(servers, projectRoot, projectRoot.resolve(".run"),
                spec -> portFromEnvironment(spec.portVariable(), spec.defaultPort()));
    }

    /** Everything on free ports, for tests that must not collide with a running platform. */
    public static Platform onFreePorts(Servers servers, Path projectRoot, Path runDir) {
        return new Platform(servers, projectRoot, runDir, spec -> Ports.freePort());
    }

    public ServiceProcess consumer() {
        return consumer;
    }

    public ServiceProcess seckill() {
        return seckill;
    }

    public ServiceProcess gateway() {
        return gateway;
    }

    public List<ServiceProcess> services() {
        return List.of(consumer, seckill, gateway);
    }

    public URI gatewayUrl() {
        return gateway.url();
    }

    /** The keys and tokens of this run directory; made on first use, so {@code status} and {@code down} create nothing. */
    public LocalSecrets secrets() {
        return LocalSecrets.in(runDir.resolve("secrets"));
    }

    /** Signs tokens the gateway of this platform accepts. */
    public LocalTokens tokens() {
        return secrets().tokens();
    }

    /** Starts what is not running yet (servers, then the services in parallel) and waits until all are ready. */
    public void up() {
        up(Map.of());
    }

    /** As {@link #up()}, with {@code settings} added to every service's environment; a service ignores what it does not read. */
    public void up(Map<String, String> settings) {
        servers.startAll();
        CompletableFuture.allOf(services().stream()
                        .map(service -> CompletableFuture.runAsync(() -> service.start(environmentFor(service, settings))))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    /** Stops the services (gateway first, so no new purchase comes in) and then the servers. */
    public void down() {
        gateway.stop();
        seckill.stop();
        consumer.stop();
        servers.stopAll();
    }

    public Map<String, String> environmentFor(ServiceProcess service) {
        Map<String, String> env = new HashMap<>(servers.serviceEnvironment());
        // The services behind the gateway believe the user id header only from callers that know this token.
        env.put("SECKILL_INTERNAL_TOKEN", secrets().internalToken());
        if (service == consumer) {
            // The local platform has no payment service; production must name one (order-consumer refuses to start otherwise).
            env.put("SECKILL_PAYMENT_PROVIDER", "fake");
        }
        if (service == gateway) {
            env.put("SECKILL_GATEWAY_SECKILL_SERVICE_URL", seckill.url().toString());
            env.put("SECKILL_GATEWAY_ORDER_CONSUMER_URL", consumer.url().toString());
            env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                    secrets().publicKeyFile().toUri().toString());
            // The gateway has no default for these (it refuses to start without them): the local tokens' own.
            env.put("SECKILL_GATEWAY_SECURITY_ISSUER", LocalTokens.ISSUER);
            env.put("SECKILL_GATEWAY_SECURITY_AUDIENCE", LocalTokens.AUDIENCE);
        }
        return env;
    }

    /** {@link #environmentFor(ServiceProcess)} with {@code settings} on top; a service ignores what it does not read. */
    public Map<String, String> environmentFor(ServiceProcess service, Map<String, String> settings) {
        Map<String, String> env = environmentFor(service);
        env.putAll(settings);
        return env;
    }

    private static int portFromEnvironment(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
