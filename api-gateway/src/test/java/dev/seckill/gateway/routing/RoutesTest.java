package dev.seckill.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on its own, with nothing listening where seckill-service should be: malformed
 * requests are refused before any downstream call, and a missing service is a 503 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutesTest {

    @DynamicPropertySource
    static void nowhere(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("seckill.gateway.seckill-service-url", () -> "http://127.0.0.1:" + closedPort);
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(URI.create("http://127.0.0.1:" + port));
    }

    @Test
    void malformedIdsAndHeadersAreRefusedWithoutCallingDownstream() {
        Map<String, String> user = Map.of("X-User-Id", "alice");

        assertInvalid(api.postJson("/api/sales/abc/purchases", user, "{\"quantity\":1}"));
        assertInvalid(api.postJson("/api/sales/0/purchases", user, "{\"quantity\":1}"));
        assertInvalid(api.postJson("/api/sales/1/purchases", Map.of(), "{\"quantity\":1}"));
        assertInvalid(api.postJson("/api/sales/1/purchases", Map.of("X-User-Id", "a b"), "{}"));
        assertInvalid(api.get("/api/orders/1-not-a-uuid", user));
        assertInvalid(api.get("/api/sales/99999999999999999999", Map.of()));
    }

    private static void assertInvalid(ApiResponse answer) {
        assertThat(answer.isProblem(400, "invalid-request")).as(answer.toString()).isTrue();
    }

    @Test
    void aWrongContentTypeIs415() {
        ApiResponse answer = api.sendAsync(api.request("/api/sales/1/purchases", Map.of("X-User-Id", "alice",
                        "Content-Type", "text/plain"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("quantity=1"))).join();

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnreachableSeckillServiceIsA503Problem() {
        ApiResponse answer = api.postJson("/api/sales/1/purchases", Map.of("X-User-Id", "alice"), "{\"quantity\":1}");

        assertThat(answer.isProblem(503, "service-unavailable")).as(answer.toString()).isTrue();
    }
}
