package dev.seckill.gateway;

import dev.seckill.testsupport.ApiClient;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;

/**
 * A gateway of a test class's own in front of a {@link StubSeckillService} that counts what reaches it, and
 * another in order-consumer's place (where payments and histories go), started
 * before the class's tests and stopped after them: {@code @RegisterExtension static final GatewayInFrontOfStub EDGE
 * = new GatewayInFrontOfStub();}.
 */
public final class GatewayInFrontOfStub implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private StubSeckillService seckill;
    private StubSeckillService orderConsumer;
    private ReactiveWebServerApplicationContext gateway;
    private ApiClient api;

    public GatewayInFrontOfStub() {
        this(Map.of());
    }

    /** @param settings the gateway's, over {@link GatewayTestBase#gatewayProperties()} */
    public GatewayInFrontOfStub(Map<String, String> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        seckill = new StubSeckillService();
        orderConsumer = new StubSeckillService();
        Map<String, String> overrides = new HashMap<>(settings);
        overrides.put("seckill.gateway.seckill-service-url", seckill.url().toString());
        overrides.put("seckill.gateway.order-consumer-url", orderConsumer.url().toString());
        gateway = GatewayTestBase.startGateway(overrides);
        api = new ApiClient(URI.create("http://127.0.0.1:" + gateway.getWebServer().getPort()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateway.close();
        seckill.close();
        orderConsumer.close();
    }

    public StubSeckillService seckill() {
        return seckill;
    }

    /** In order-consumer's place: it sees the calls about orders that go there. */
    public StubSeckillService orderConsumer() {
        return orderConsumer;
    }

    public ApiClient api() {
        return api;
    }
}
