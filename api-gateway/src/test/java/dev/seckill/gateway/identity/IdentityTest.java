package dev.seckill.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.infra.platform.LocalTokens;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who gets through the door. A request that passes it meets the missing seckill-service (503); one
 * that does not is refused by the gateway itself (401, 403).
 */
class IdentityTest extends GatewayTestBase {

    private static final String PURCHASE = "/api/sales/1/purchases";
    private static final String BODY = "{\"quantity\":1}";
    private static final String SALE = """
            {"skuId":"S","title":"t","price":1.00,"stock":1,"startAt":"2030-01-01T00:00:00Z",
             "endAt":"2030-01-02T00:00:00Z","perUserLimit":1}""";

    @Test
    void withoutAValidTokenAPurchaseIs401() {
        String valid = TOKENS.shopper("alice");
        List<Map<String, String>> refused = List.of(
                Map.of(),
                Map.of("X-User-Id", "alice"),
                Map.of("Authorization", "Basic YWxpY2U6YWxpY2U="),
                ApiClient.bearer("not-a-jwt"),
                ApiClient.bearer(tamperedSubject(valid, "alice", "mallory")),
                ApiClient.bearer(LocalTokens.withUntrustedKey().shopper("alice")),
                ApiClient.bearer(TOKENS.shopper("white space")));

        for (Map<String, String> headers : refused) {
            ApiResponse answer = api.postJson(PURCHASE, headers, BODY);
            assertThat(answer.isProblem(401, "unauthenticated")).as(headers + " -> " + answer).isTrue();
            assertThat(answer.header("WWW-Authenticate")).as(answer.toString()).startsWith("Bearer");
        }
        assertThat(api.postJson(PURCHASE, ApiClient.bearer(valid), BODY).isProblem(503, "service-unavailable")).isTrue();
    }

    @Test
    void aShopperIsRefusedTheAdminApiAndTheActuatorAnAdminIsNot() {
        Map<String, String> shopper = shopper("alice");
        Map<String, String> admin = ApiClient.bearer(TOKENS.admin("root"));

        assertThat(api.postJson("/api/admin/sales", shopper, SALE).isProblem(403, "forbidden")).isTrue();
        assertThat(api.get("/api/admin/sales", shopper).isProblem(403, "forbidden")).isTrue();
        assertThat(api.get("/actuator/metrics", shopper).isProblem(403, "forbidden")).isTrue();
        assertThat(api.get("/actuator/metrics", Map.of()).isProblem(401, "unauthenticated")).isTrue();

        assertThat(api.postJson("/api/admin/sales", admin, SALE).isProblem(503, "service-unavailable")).isTrue();
        assertThat(api.get("/actuator/metrics", admin).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void readingASaleNeedsNoToken() {
        assertThat(api.get("/api/sales/1", Map.of()).isProblem(503, "service-unavailable")).isTrue();
    }

    @Test
    void answersCarrySecurityHeadersAndNoServerBanner() {
        ApiResponse answer = api.get("/api/orders/1-00000000-0000-7000-8000-000000000000", Map.of());

        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(answer.header("Cache-Control")).contains("no-store");
        assertThat(answer.header("Server")).isNull();
        assertThat(answer.body().toString()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void corsAllowsTheConfiguredOriginOnly() {
        ApiResponse allowed = preflight(ALLOWED_ORIGIN);
        ApiResponse other = preflight("https://evil.example");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    private ApiResponse preflight(String origin) {
        return api.sendAsync(api.request(PURCHASE, Map.of("Origin", origin, "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization,content-type"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())).join();
    }

    /** The same signature over a payload with another subject: what a forger would try. */
    private static String tamperedSubject(String token, String from, String to) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sub\":\"" + from + "\"");
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("\"sub\":\"" + from + "\"", "\"sub\":\"" + to + "\"").getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + forged + "." + parts[2];
    }
}
