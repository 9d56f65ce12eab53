package dev.seckill.gateway;

import dev.seckill.infra.platform.LocalSecrets;
import dev.seckill.infra.platform.LocalTokens;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.SharedServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in-process on real Redis, with keys made for this test JVM and nothing listening where
 * seckill-service and order-consumer should be: a request that passes every check at the door gets
 * the 503 of a missing service, one that does not gets its own 4xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayTestBase {

    protected static final LocalSecrets SECRETS = LocalSecrets.in(
            Path.of("target", "secrets-" + ProcessHandle.current().pid()).toAbsolutePath());
    public static final LocalTokens TOKENS = SECRETS.tokens();
    protected static final String ALLOWED_ORIGIN = "https://shop.example";

    @LocalServerPort
    protected int port;

    protected ApiClient api;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        gatewayProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Everything a gateway needs here, also for tests that start a second one. */
    public static Map<String, String> gatewayProperties() {
        Map<String, String> properties = new HashMap<>();
        SharedServers.get().serviceProperties().forEach((name, value) -> {
            if (name.startsWith("spring.data.redis.")) {
                properties.put(name, value);
            }
        });
        properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location", SECRETS.publicKeyFile().toUri().toString());
        properties.put("seckill.gateway.security.issuer", LocalTokens.ISSUER);
        properties.put("seckill.gateway.security.audience", LocalTokens.AUDIENCE);
        properties.put("seckill.internal.token", SECRETS.internalToken());
        properties.put("seckill.gateway.seckill-service-url", "http://127.0.0.1:" + closedPort());
        properties.put("seckill.gateway.order-consumer-url", "http://127.0.0.1:" + closedPort());
        properties.put("seckill.gateway.security.allowed-origins", ALLOWED_ORIGIN);
        return properties;
    }

    /**
     * Another gateway in this JVM, on a free port: {@link #gatewayProperties()} with {@code overrides}, given
     * as command-line arguments so that they win over application.yml (its port, for one).
     */
    public static ReactiveWebServerApplicationContext startGateway(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(gatewayProperties());
        properties.put("server.port", "0");
        properties.putAll(overrides);
        return (ReactiveWebServerApplicationContext) new SpringApplicationBuilder(GatewayApplication.class)
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    @BeforeEach
    void client() {
        api = new ApiClient(URI.create("http://127.0.0.1:" + port));
    }

    protected static Map<String, String> shopper(String userId) {
        return ApiClient.bearer(TOKENS.shopper(userId));
    }

    /** A user id no other test in this JVM uses, so no bucket is shared by accident. */
    protected static String uniqueUser(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
