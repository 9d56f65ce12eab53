package dev.seckill.gateway.soldout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.gateway.StubSeckillService;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;

/**
 * A gateway whose sold-out flags live for {@code ttl}, in front of a stub that counts the purchases
 * reaching it. A test's flag must outlive the test unless expiry is what it tests: on a loaded machine
 * twenty purchases, each with a token signed and checked, have taken longer than the default two seconds.
 */
final class SoldOutGateway implements AutoCloseable {

    private static final AtomicLong SALES = new AtomicLong(ProcessHandle.current().pid() * 1_000);

    final StubSeckillService seckill = new StubSeckillService();
    final ReactiveWebServerApplicationContext gateway;
    final ApiClient api;
    final SoldOutFlags flags;

    SoldOutGateway(Duration ttl) {
        gateway = GatewayTestBase.startGateway(Map.of(
                "seckill.gateway.seckill-service-url", seckill.url().toString(),
                "seckill.gateway.sold-out.ttl", ttl.toMillis() + "ms"));
        api = new ApiClient(URI.create("http://127.0.0.1:" + gateway.getWebServer().getPort()));
        flags = gateway.getBean(SoldOutFlags.class);
    }

    long newSale() {
        return SALES.incrementAndGet();
    }

    boolean isFlagged(long sale) {
        return flags.isSoldOut(Long.toString(sale));
    }

    /** A sale seckill-service answered sold out once, so that the gateway has flagged it. */
    long flaggedByAnAnswer() {
        long sale = newSale();
        seckill.soldOut(sale, true);
        assertThat(purchase(sale, Map.of()).isProblem(409, "sold-out")).isTrue();
        assertThat(seckill.calls(sale)).isEqualTo(1);
        assertThat(purchase(sale, Map.of()).isProblem(409, "sold-out")).isTrue();
        assertThat(seckill.calls(sale)).as("flagged: the second purchase stayed at the gateway").isEqualTo(1);
        assertThat(isFlagged(sale)).isTrue();
        return sale;
    }

    /** Each purchase by a shopper of its own, so the per-shopper limit never answers in the flag's place. */
    ApiResponse purchase(long sale, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(ApiClient.bearer(GatewayTestBase.TOKENS.shopper("buyer-" + UUID.randomUUID())));
        all.putAll(headers);
        return api.postJson("/api/sales/" + sale + "/purchases", all, "{\"quantity\":1}");
    }

    @Override
    public void close() {
        gateway.close();
        seckill.close();
    }
}
