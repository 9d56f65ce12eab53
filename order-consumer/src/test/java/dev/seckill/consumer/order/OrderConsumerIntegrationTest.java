package dev.seckill.consumer.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.kafka.support.serializer.JsonSerializer;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;
import dev.seckill.testsupport.OrderEvents;

/** The walking-skeleton path: batches in, rows and CREATED statuses out, replays and poison handled. */
class OrderConsumerIntegrationTest extends RealServersTestBase {

    @Autowired
    MeterRegistry meters;


    @Test
    void writesEveryOrderExactlyOnceAndMarksItCreated() {
        long saleId = newSaleId();
        List<OrderPlaced> orders = OrderEvents.orders(saleId, 20_000);
        // As seckill-service leaves them: PENDING; and one a shopper has already paid for.
        OrderPlaced paid = orders.get(0);
        redis.opsForHash().putAll(statusKey(paid), Map.of("status", "PAID", "userId", paid.userId(), "quantity", "1"));
        OrderPlaced pending = orders.get(1);
        redis.opsForHash().putAll(statusKey(pending), Map.of("status", "PENDING", "userId", pending.userId(), "quantity", "1"));

        long started = System.nanoTime();
        events.send(orders);
        await().atMost(PATIENCE).until(() -> rows(saleId) == 20_000);
        System.out.printf("20,000 orders in the table %d ms after the first send%n", (System.nanoTime() - started) / 1_000_000);
        await().atMost(PATIENCE).until(() -> events.consumedAll(groupId));

        List<String> statuses = statuses(orders);
        assertThat(statuses.get(0)).isEqualTo("PAID");
        assertThat(statuses.subList(1, statuses.size())).containsOnly("CREATED");
        assertThat(redis.opsForHash().entries(statusKey(orders.get(5))))
                .containsEntry("userId", orders.get(5).userId())
                .containsEntry("quantity", Integer.toString(orders.get(5).quantity()));
        assertThat(redis.getExpire(statusKey(pending))).isPositive();
        assertStored(orders.get(5));

        events.send(orders);
        await().atMost(PATIENCE).until(() -> events.consumedAll(groupId));

        assertThat(rows(saleId)).isEqualTo(20_000);
        assertThat(statuses(List.of(paid)).get(0)).isEqualTo("PAID");
        // What an operator watches: every event went through a batch insert, and each insert was timed.
        assertThat(meters.get("seckill.consumer.batch.size").summary().totalAmount()).isGreaterThanOrEqualTo(40_000);
        assertThat(meters.get("seckill.consumer.batch.write").timer().count())
                .isEqualTo(meters.get("seckill.consumer.batch.size").summary().count());
    }

    @Test
    void batchesMarkTheirOrdersOverTheSharedRedisConnectionWithoutOpeningOne() {
        long saleId = newSaleId();
        List<OrderPlaced> orders = OrderEvents.orders(saleId, 5_000);
        long batchesBefore = meters.get("seckill.consumer.batch.size").summary().count();
        long connectionsBefore = connectionsReceived();

        events.send(orders);
        await().atMost(PATIENCE).until(() -> rows(saleId) == 5_000);
        await().atMost(PATIENCE).until(() -> events.consumedAll(groupId));

        assertThat(meters.get("seckill.consumer.batch.size").summary().count() - batchesBefore)
                .as("batches written").isGreaterThanOrEqualTo(3);
        assertThat(connectionsReceived()).isEqualTo(connectionsBefore);
        assertThat(statuses(orders)).containsOnly("CREATED");
    }

    /** Connections Redis has accepted since it started: a new one is a handshake, on both sides. */
    private long connectionsReceived() {
        Properties stats = redis.execute((RedisCallback<Properties>) connection -> connection.serverCommands().info("stats"));
        return Long.parseLong(stats.getProperty("total_connections_received"));
    }

    @Test
    void deadLettersPoisonRecordsAndWritesTheGoodOnesAroundThem() {
        long saleId = newSaleId();
        List<OrderPlaced> good = OrderEvents.orders(saleId, 10);
        String unreadable = "unreadable-" + saleId;
        String badId = "bad-id-" + saleId;
        OrderPlaced wrongId = new OrderPlaced("not-an-order-id", saleId, "user-x", 1, BigDecimal.ONE, good.get(0).placedAt());

        events.send(good.subList(0, 5));
        events.sendRaw(unreadable, "{not json".getBytes(StandardCharsets.UTF_8));
        events.sendRaw(badId, new JsonSerializer<OrderPlaced>().noTypeInfo().serialize("t", wrongId));
        events.send(good.subList(5, 10));

        await().atMost(PATIENCE).until(() -> rows(saleId) == 10);
        Map<String, List<String>> reasons = deadLetterReasons(List.of(unreadable, badId), 1);
        assertThat(reasons.get(unreadable)).singleElement().asString().startsWith("undeserialisable value");
        assertThat(reasons.get(badId)).singleElement().asString().startsWith("bad order id 'not-an-order-id'");
        await().atMost(PATIENCE).until(() -> statuses(good).stream().allMatch("CREATED"::equals));
    }

    private void assertStored(OrderPlaced order) {
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM orders WHERE id = ?", OrderId.parse(order.orderId()).uuid().toString());
        assertThat(row).containsEntry("sale_id", order.saleId()).containsEntry("user_id", order.userId())
                .containsEntry("quantity", order.quantity()).containsEntry("status", "CREATED");
        assertThat((BigDecimal) row.get("unit_price")).isEqualByComparingTo(order.unitPrice());
        assertThat(row.get("placed_at")).isEqualTo(LocalDateTime.ofInstant(order.placedAt(), ZoneOffset.UTC));
    }
}
