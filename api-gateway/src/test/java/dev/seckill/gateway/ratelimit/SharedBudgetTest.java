package dev.seckill.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** Two gateway replicas on one Redis draw from one global budget. */
@TestPropertySource(properties = {
        "seckill.gateway.rate-limit.key-prefix=" + SharedBudgetTest.PREFIX,
        "seckill.gateway.rate-limit.global=" + SharedBudgetTest.GLOBAL,
        "seckill.gateway.rate-limit.per-user=1000/1s"})
class SharedBudgetTest extends GatewayTestBase {

    static final String PREFIX = "test-shared:";
    static final String GLOBAL = "10/1m";

    private ReactiveWebServerApplicationContext second;

    @BeforeEach
    void startSecondReplica() {
        second = startGateway(Map.of(
                "seckill.gateway.rate-limit.key-prefix", PREFIX,
                "seckill.gateway.rate-limit.global", GLOBAL,
                "seckill.gateway.rate-limit.per-user", "1000/1s"));
    }

    @AfterEach
    void stopSecondReplica() {
        second.close();
    }

    @Test
    void theGlobalBudgetHoldsAcrossBothReplicas() {
        ApiClient other = new ApiClient(URI.create("http://127.0.0.1:" + second.getWebServer().getPort()));

        List<ApiResponse> answers = api.all(30, i -> (i % 2 == 0 ? api : other).postJsonAsync("/api/sales/1/purchases",
                shopper(uniqueUser("buyer")), "{\"quantity\":1}"));

        assertThat(answers.stream().filter(a -> a.status() != 429)).hasSize(10);
        assertThat(answers.stream().filter(a -> a.isProblem(429, "rate-limited") && a.text("limit").equals("global")))
                .hasSize(20);
    }
}
