package dev.seckill.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.infra.server.Ports;
import dev.seckill.testsupport.ApiClient;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Prometheus scrapes the management port without a token; the public port keeps metrics for admins. */
@AutoConfigureObservability
class MetricsScrapeTest extends GatewayTestBase {

    @DynamicPropertySource
    static void managementPort(DynamicPropertyRegistry registry) {
        registry.add("management.server.port", () -> Ports.freePort());
    }

    @LocalManagementPort
    int managementPort;

    @Test
    void theManagementPortServesMetricsWithoutATokenAndThePublicPortDoesNot() {
        ApiClient management = new ApiClient(URI.create("http://127.0.0.1:" + managementPort));

        var scrape = management.get("/actuator/prometheus", Map.of());

        assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
        assertThat(scrape.body().asText()).contains("jvm_memory_used_bytes");
        assertThat(api.get("/actuator/prometheus", Map.of()).status()).isEqualTo(401);
        assertThat(management.get("/actuator/env", Map.of()).status()).isEqualTo(401);
    }
}
