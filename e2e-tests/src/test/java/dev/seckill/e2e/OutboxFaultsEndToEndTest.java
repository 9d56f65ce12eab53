package dev.seckill.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.contract.SaleKeys;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.server.LocalServers;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import dev.seckill.testsupport.SharedServers;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The promise "never lose an accepted order" under the faults that break it elsewhere: Kafka down
 * while shoppers buy, the relay killed between reading the outbox and Kafka's acknowledgement,
 * seckill-service stopped in the middle of a spike, and Redis losing a sale's counters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxFaultsEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final LocalServers servers = SharedServers.get();
    private PlatformFixture fixture;

    @BeforeAll
    void startPlatform() {
        fixture = PlatformFixture.start(servers, getClass().getSimpleName());
    }

    @AfterAll
    void stopPlatform() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterEach
    void everythingRunsAgain() {
        servers.kafka().start();
        ServiceProcess seckill = fixture.platform().seckill();
        if (!seckill.isRunning()) {
            fixture.restart(seckill, Map.of());
        }
    }

    @Test
    void ordersAcceptedWhileKafkaIsDownAllArriveOnceItIsBack() throws SQLException {
        long saleId = fixture.createSale(500, 1);
        servers.kafka().stop();

        Set<String> accepted = acceptedOrderIds(buyAtOnce(saleId, 500, "kafka-down-"));

        assertThat(accepted).hasSize(500);
        assertThat(fixture.redis().xlen(new SaleKeys(saleId).outbox())).isEqualTo(500);
        servers.kafka().start();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.countOrders(saleId)).isEqualTo(500));
        assertThat(fixture.distinctBuyers(saleId)).isEqualTo(500);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(fixture.redis().xlen(new SaleKeys(saleId).outbox())).isZero());
    }

    @Test
    void aRelayKilledBeforeKafkaAcknowledgedLosesNothing() throws SQLException {
        long saleId = fixture.createSale(200, 1);
        String outbox = new SaleKeys(saleId).outbox();
        servers.kafka().stop();
        Set<String> accepted = acceptedOrderIds(buyAtOnce(saleId, 200, "relay-kill-"));
        assertThat(accepted).hasSize(200);
        // The relay has read entries (they are pending in its name) that Kafka never acknowledged.
        await().atMost(PATIENCE).until(() -> fixture.redis().xpending(outbox, "relay").getCount() > 0);

        ServiceProcess seckill = fixture.platform().seckill();
        seckill.kill();
        servers.kafka().start();
        // A different relay name: the dead relay's entries must be claimed, not just re-read by their owner.
        fixture.restart(seckill, Map.of("SECKILL_OUTBOX_CONSUMER_NAME", "relay-after-crash",
                "SECKILL_OUTBOX_CLAIM_AFTER", "2s"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.countOrders(saleId)).isEqualTo(200));
        assertThat(fixture.distinctBuyers(saleId)).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.redis().xlen(outbox)).isZero());
    }

    @Test
    void stoppingTheServiceInTheMiddleOfASpikeLosesNoAcceptedOrder() throws SQLException {
        int stock = 300;
        long saleId = fixture.createSale(stock, 1);
        ServiceProcess seckill = fixture.platform().seckill();

        List<CompletableFuture<ApiResponse>> spike = IntStream.range(0, 600)
                .mapToObj(i -> fixture.purchaseAsync(saleId, "sigterm-" + i)).toList();
        seckill.stop();
        List<ApiResponse> answers = spike.stream().map(CompletableFuture::join).toList();
        fixture.restart(seckill, Map.of());

        long taken = stock - fixture.stockLeft(saleId);
        assertThat(acceptedOrderIds(answers).size()).isLessThanOrEqualTo((int) taken);
        // Every unit that left the stock is an order in MySQL, whether its shopper got the answer or not.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.countOrders(saleId)).isEqualTo(taken));
        IntStream.range(0, answers.size()).filter(i -> answers.get(i).status() == 202).forEach(i ->
                assertThat(fixture.orderStatus(answers.get(i).text("orderId"), "sigterm-" + i)).isEqualTo("CREATED"));
    }

    @Test
    void aSaleWhoseRedisCountersAreLostIsRestoredFromTheDatabase() throws SQLException {
        long saleId = fixture.createSale(20, 1);
        Set<String> accepted = acceptedOrderIds(buyAtOnce(saleId, 5, "restore-"));
        assertThat(accepted).hasSize(5);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.countOrders(saleId)).isEqualTo(5));

        SaleKeys keys = new SaleKeys(saleId);
        fixture.redis().del(keys.stock(), keys.buyers());
        ServiceProcess seckill = fixture.platform().seckill();
        seckill.stop();
        fixture.restart(seckill, Map.of());

        assertThat(fixture.stockLeft(saleId)).isEqualTo(15);
        assertThat(fixture.purchase(saleId, "restore-0").isProblem(409, "limit-reached")).isTrue();
        assertThat(fixture.purchase(saleId, "restore-new").status()).isEqualTo(202);
        assertThat(fixture.stockLeft(saleId)).isEqualTo(14);
    }

    private List<ApiResponse> buyAtOnce(long saleId, int shoppers, String prefix) {
        return fixture.api().all(shoppers, i -> fixture.purchaseAsync(saleId, prefix + i));
    }

    private static Set<String> acceptedOrderIds(List<ApiResponse> answers) {
        return answers.stream().filter(a -> a.status() == 202).map(a -> a.text("orderId")).collect(Collectors.toSet());
    }
}
