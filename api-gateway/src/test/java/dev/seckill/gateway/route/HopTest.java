package dev.seckill.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.gateway.GatewayInFrontOfStub;
import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the services receive: the gateway's own headers and the checked body, nothing of the client's. */
class HopTest {

    @RegisterExtension
    static final GatewayInFrontOfStub EDGE = new GatewayInFrontOfStub();

    @Test
    void onlyTheGatewaysOwnHeadersReachSeckillService() {
        long sale = 7_000 + ProcessHandle.current().pid() % 1_000;
        Map<String, String> headers = new HashMap<>(ApiClient.bearer(GatewayTestBase.TOKENS.shopper("hop-shopper")));
        headers.put("X-User-Id", "victim");
        headers.put("X-Internal-Token", "guessed-token-000000");
        headers.put("Cookie", "session=1");
        headers.put("X-Forwarded-For", "203.0.113.9");
        headers.put("Idempotency-Key", "key-1");
        headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        ApiResponse answer = EDGE.api().postJson("/api/sales/" + sale + "/purchases", headers, "{\"quantity\":1}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        Map<String, String> received = EDGE.seckill().lastHeaders(sale);
        assertThat(received).containsEntry("x-user-id", "hop-shopper")
                .containsEntry("x-internal-token", GatewayTestBase.gatewayProperties().get("seckill.internal.token"))
                .containsEntry("idempotency-key", "key-1")
                .containsEntry("content-type", "application/json")
                .containsEntry("content-length", "14")
                .doesNotContainKeys("authorization", "cookie", "x-forwarded-for");
        assertThat(received.get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-").endsWith("-01")
                .doesNotContain("b7ad6b7169203331");
        assertThat(received.keySet()).allMatch(name -> java.util.Set.of("x-user-id", "x-internal-token", "idempotency-key",
                "content-type", "content-length", "traceparent", "host", "user-agent", "accept").contains(name),
                "only the gateway's own headers");
        assertThat(answer.header("Server")).isNull();
    }

    @Test
    void aPaymentGoesToOrderConsumerWithTheSameMarksOfTheGateway() {
        long sale = 9_000 + ProcessHandle.current().pid() % 1_000;
        String order = sale + "-01900000-0000-7000-8000-000000000000";
        Map<String, String> headers = new HashMap<>(ApiClient.bearer(GatewayTestBase.TOKENS.shopper("hop-payer")));
        headers.put("X-User-Id", "victim");

        EDGE.api().sendAsync(EDGE.api().request("/api/orders/" + order + "/payment", headers)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).join();

        assertThat(EDGE.orderConsumer().lastHeaders(sale)).containsEntry("x-user-id", "hop-payer")
                .containsEntry("x-internal-token", GatewayTestBase.gatewayProperties().get("seckill.internal.token"))
                .doesNotContainKeys("authorization");
        assertThat(EDGE.seckill().lastHeaders(sale)).isEmpty();
    }

    @Test
    void anAdminsCallNamesTheAdminSoThatSeckillServiceCanAuditIt() {
        long sale = 8_000 + ProcessHandle.current().pid() % 1_000;
        Map<String, String> headers = new HashMap<>(ApiClient.bearer(GatewayTestBase.TOKENS.admin("hop-admin")));
        headers.put("X-User-Id", "someone-else");

        EDGE.api().postJson("/api/admin/sales/" + sale + "/close", headers, "");

        assertThat(EDGE.seckill().lastHeaders(sale)).containsEntry("x-user-id", "hop-admin");
    }
}
