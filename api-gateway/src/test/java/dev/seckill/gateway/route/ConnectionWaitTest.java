package dev.seckill.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.gateway.GatewayInFrontOfStub;
import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a spike, more shoppers wait at the gateway than it has connections to seckill-service. A shopper
 * waiting for a connection is waiting for the service's answer, not facing a service that failed.
 */
class ConnectionWaitTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static final GatewayInFrontOfStub EDGE = new GatewayInFrontOfStub(Map.of(
            "seckill.gateway.max-connections", "1",
            "seckill.gateway.connect-timeout", CONNECT_TIMEOUT.toMillis() + "ms"));

    @Test
    void aPurchaseWaitingForTheOnlyConnectionLongerThanTheConnectTimeoutIsStillAnswered() {
        long sale = 8_000 + ProcessHandle.current().pid() % 1_000;
        EDGE.seckill().hold(sale);
        CompletableFuture<ApiResponse> first = purchase(sale, "first-in-line");
        await().atMost(Duration.ofSeconds(10)).until(() -> EDGE.seckill().calls(sale) == 1);

        CompletableFuture<ApiResponse> second = purchase(sale, "second-in-line");
        // The second purchase has no connection for longer than it would take to make one.
        await().during(CONNECT_TIMEOUT.multipliedBy(2)).atMost(CONNECT_TIMEOUT.multipliedBy(4))
                .until(() -> !second.isDone() && EDGE.seckill().calls(sale) == 1);
        EDGE.seckill().release(sale);

        assertThat(first.join().status()).as(first.join().toString()).isEqualTo(202);
        ApiResponse waited = second.join();
        assertThat(waited.status()).as(waited.toString()).isEqualTo(202);
        assertThat(EDGE.seckill().calls(sale)).isEqualTo(2);
    }

    private static CompletableFuture<ApiResponse> purchase(long sale, String shopper) {
        return EDGE.api().postJsonAsync("/api/sales/" + sale + "/purchases",
                ApiClient.bearer(GatewayTestBase.TOKENS.shopper(shopper)), "{\"quantity\":1}");
    }
}
