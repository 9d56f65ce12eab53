package dev.seckill.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.infra.server.LocalRedis;
import dev.seckill.infra.server.Ports;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;

/**
 * With its Redis gone the gateway neither fails open nor closed: it limits on local buckets and
 * answers at once rather than waiting on Redis. The gateway gets a Redis of its own to lose.
 */
class RedisOutageTest {

    private LocalRedis redis;
    private ReactiveWebServerApplicationContext gateway;
    private ApiClient api;

    @BeforeEach
    void start() {
        redis = new LocalRedis(Path.of("target", "redis-outage-" + ProcessHandle.current().pid()).toAbsolutePath(),
                Ports.freePort());
        redis.start();
        gateway = GatewayTestBase.startGateway(Map.of(
                "spring.data.redis.host", redis.host(),
                "spring.data.redis.port", Integer.toString(redis.port()),
                "seckill.gateway.rate-limit.per-user", "5/1m"));
        api = new ApiClient(URI.create("http://127.0.0.1:" + gateway.getWebServer().getPort()));
    }

    @AfterEach
    void stop() {
        gateway.close();
        redis.stop();
    }

    @Test
    void withRedisDownEachShopperIsStillLimitedAndAnswersComeAtOnce() {
        Map<String, String> shopper = ApiClient.bearer(GatewayTestBase.TOKENS.shopper("steady"));
        assertThat(api.postJson("/api/sales/1/purchases", shopper, "{\"quantity\":1}").status()).isEqualTo(503);

        redis.stop();
        long started = System.nanoTime();
        List<ApiResponse> answers = api.all(10, i -> api.postJsonAsync("/api/sales/1/purchases", shopper, "{\"quantity\":1}"));
        long millis = (System.nanoTime() - started) / 1_000_000;

        // The token taken before the outage is in Redis; the local bucket starts full.
        assertThat(answers.stream().filter(a -> a.status() != 429)).hasSize(5);
        assertThat(answers.stream().filter(a -> a.isProblem(429, "rate-limited"))).hasSize(5);
        assertThat(millis).as("answered in %d ms", millis).isLessThan(5_000);
        assertThat(gateway.getBean(MeterRegistry.class).get("gateway.ratelimit.local.fallbacks").counter().count())
                .isGreaterThanOrEqualTo(10);
    }
}
