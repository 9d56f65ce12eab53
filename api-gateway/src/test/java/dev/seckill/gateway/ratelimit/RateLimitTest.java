package dev.seckill.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Limits per shopper and per client address on real Redis. Every request names its client address
 * in X-Forwarded-For (the test client is a trusted proxy, as an ingress would be), so the two limits
 * can be tried apart. The refill is slow enough that no token comes back during a burst.
 */
@TestPropertySource(properties = {
        "seckill.gateway.rate-limit.key-prefix=test-limits:",
        "seckill.gateway.rate-limit.per-user=5/1m",
        "seckill.gateway.rate-limit.per-client=12/1m",
        "seckill.gateway.rate-limit.global=100000/1s"})
class RateLimitTest extends GatewayTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void aBurstAboveThePerUserLimitLetsExactlyTheLimitThrough() {
        String user = uniqueUser("tapper");
        double rejectedBefore = rejections("user");

        List<ApiResponse> answers = api.all(20, i -> api.postJsonAsync("/api/sales/1/purchases",
                from("198.51.100." + i, shopper(user)), "{\"quantity\":1}"));

        List<ApiResponse> limited = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(answers.stream().filter(a -> a.isProblem(503, "service-unavailable"))).hasSize(5);
        assertThat(limited).hasSize(15).allSatisfy(answer -> {
            assertThat(answer.isProblem(429, "rate-limited")).as(answer.toString()).isTrue();
            assertThat(answer.text("limit")).isEqualTo("user");
            assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(answer.header("RateLimit-Limit")).isEqualTo("5");
            assertThat(answer.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(answer.header("RateLimit-Policy")).isEqualTo("5;w=60");
        });
        assertThat(rejections("user") - rejectedBefore).isEqualTo(15);
        // Another shopper has a bucket of their own.
        assertThat(api.postJson("/api/sales/1/purchases", from("198.51.100.99", shopper(uniqueUser("calm"))), "{\"quantity\":1}")
                .status()).isEqualTo(503);
    }

    @Test
    void oneClientAddressIsLimitedWhoeverSignedInAndEvenWithoutSigningIn() {
        String address = "203.0.113.7";

        List<ApiResponse> answers = api.all(15, i -> i % 3 == 0
                ? api.postJsonAsync("/api/sales/1/purchases", from(address, Map.of()), "{\"quantity\":1}")
                : api.postJsonAsync("/api/sales/1/purchases", from(address, shopper(uniqueUser("nat"))), "{\"quantity\":1}"));

        assertThat(answers.stream().filter(a -> a.status() != 429)).hasSize(12);
        assertThat(answers.stream().filter(a -> a.isProblem(429, "rate-limited") && a.text("limit").equals("client")))
                .hasSize(3);
        assertThat(api.get("/api/sales/1", from("203.0.113.8", Map.of())).status()).isEqualTo(503);
    }

    private double rejections(String limit) {
        var counter = meters.find("gateway.ratelimit.rejections").tag("limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, String> from(String address, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("X-Forwarded-For", address);
        return all;
    }
}
