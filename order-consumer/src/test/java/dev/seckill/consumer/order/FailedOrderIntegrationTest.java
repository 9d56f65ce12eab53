package dev.seckill.consumer.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;
import dev.seckill.contract.SaleKeys;
import dev.seckill.contract.StockEvent;
import dev.seckill.testsupport.OrderEvents;

/**
 * A dead-lettered order becomes FAILED and its units go back to the sale, exactly once, however
 * often its dead letter is replayed; a record without an order is only dead-lettered.
 */
class FailedOrderIntegrationTest extends RealServersTestBase {

    /** A real CHECK constraint makes the database refuse the rows of shoppers named like this. */
    private static final String REFUSED_PREFIX = "refused-";

    @Autowired
    private FailedOrders failedOrders;

    @Test
    void deadLetteredOrdersFailAndGiveTheirUnitsBackOnceEvenWhenReplayed() {
        long saleId = newSaleId();
        SaleKeys sale = new SaleKeys(saleId);
        List<OrderPlaced> generated = OrderEvents.orders(saleId, 3);
        OrderPlaced good = generated.get(0);
        OrderPlaced refusedByDatabase = withUser(generated.get(1), REFUSED_PREFIX + saleId, 2);
        // The event says 0 units, the purchase took 3: what goes back is what the purchase took.
        OrderPlaced invalid = withUser(generated.get(2), "twice-buyer", 0);
        String unreadable = "unreadable-" + saleId;

        // As purchase.lua leaves a sale of 10 after these orders and one more of twice-buyer's (1 unit).
        redis.opsForValue().set(sale.stock(), "3");
        pending(good, 1);
        pending(refusedByDatabase, 2);
        pending(invalid, 3);
        redis.opsForHash().putAll(sale.buyers(), Map.of(good.userId(), "1", refusedByDatabase.userId(), "2",
                invalid.userId(), "4"));

        List<String> deadLetterKeys = List.of(refusedByDatabase.orderId(), invalid.orderId(), unreadable);
        withRefusingDatabase(() -> {
            events.send(List.of(good, refusedByDatabase, invalid));
            events.sendRaw(unreadable, "{not json".getBytes(StandardCharsets.UTF_8));
            Map<String, List<String>> reasons = deadLetterReasons(deadLetterKeys, 1);
            assertThat(reasons.get(refusedByDatabase.orderId())).singleElement().asString()
                    .startsWith("refused by the database");
            assertThat(reasons.get(invalid.orderId())).singleElement().asString().startsWith("quantity must be positive");

            await().atMost(PATIENCE).until(() -> statuses(List.of(good)).get(0).equals("CREATED"));
            assertThat(statuses(List.of(refusedByDatabase, invalid))).containsOnly("FAILED");
            assertThat(redis.getExpire(statusKey(invalid))).isPositive();
            assertThat(redis.opsForValue().get(sale.stock())).isEqualTo("8");
            assertThat(redis.opsForHash().entries(sale.buyers()))
                    .isEqualTo(Map.of(good.userId(), "1", invalid.userId(), "1"));

            // The same events again, as after a crash between the dead letter and the offset commit: the
            // invalid one is dead-lettered again, the refused one is FAILED already and not even tried.
            events.send(List.of(refusedByDatabase, invalid));
            deadLetterReasons(List.of(invalid.orderId()), 2);
            await().atMost(PATIENCE).until(() -> events.consumedAll(groupId));
        });

        assertThat(redis.opsForValue().get(sale.stock())).isEqualTo("8");
        assertThat(redis.opsForHash().entries(sale.buyers()))
                .isEqualTo(Map.of(good.userId(), "1", invalid.userId(), "1"));
        assertThat(statuses(List.of(good, refusedByDatabase, invalid))).containsExactly("CREATED", "FAILED", "FAILED");
        assertThat(rows(saleId)).isEqualTo(1);
    }

    @Test
    void aDeadLetterReplayedAfterItsCauseWasFixedWritesNoRow() {
        long saleId = newSaleId();
        SaleKeys sale = new SaleKeys(saleId);
        List<OrderPlaced> generated = OrderEvents.orders(saleId, 3);
        OrderPlaced good = generated.get(0);
        OrderPlaced refused = withUser(generated.get(1), REFUSED_PREFIX + saleId, 2);
        OrderPlaced later = generated.get(2);
        // As purchase.lua leaves a sale of 10 after these three orders (1, 2 and 3 units).
        redis.opsForValue().set(sale.stock(), "4");
        pending(good, good.quantity());
        pending(refused, 2);
        pending(later, later.quantity());
        redis.opsForHash().putAll(sale.buyers(), Map.of(good.userId(), Integer.toString(good.quantity()),
                refused.userId(), "2", later.userId(), Integer.toString(later.quantity())));
        withRefusingDatabase(() -> {
            events.send(List.of(good, refused));
            deadLetterReasons(List.of(refused.orderId()), 1);
            await().atMost(PATIENCE).until(() -> statuses(List.of(good)).get(0).equals("CREATED"));
        });
        assertThat(statuses(List.of(refused))).containsExactly("FAILED");
        assertThat(redis.opsForValue().get(sale.stock())).isEqualTo("6");

        // The cause is fixed (the constraint is gone) and the dead letter is replayed beside a new order.
        events.send(List.of(refused, later));
        await().atMost(PATIENCE).until(() -> statuses(List.of(later)).get(0).equals("CREATED"));
        await().atMost(PATIENCE).until(() -> events.consumedAll(groupId));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id = ?", Integer.class,
                OrderId.parse(refused.orderId()).uuid().toString())).isZero();
        assertThat(rows(saleId)).isEqualTo(2);
        assertThat(statuses(List.of(good, refused, later))).containsExactly("CREATED", "FAILED", "CREATED");
        assertThat(redis.opsForValue().get(sale.stock())).isEqualTo("6");
        assertThat(redis.opsForHash().entries(sale.buyers())).isEqualTo(Map.of(good.userId(),
                Integer.toString(good.quantity()), later.userId(), Integer.toString(later.quantity())));
    }

    @Test
    void onlyAPendingOrderFails() {
        long saleId = newSaleId();
        SaleKeys sale = new SaleKeys(saleId);
        List<OrderPlaced> orders = OrderEvents.orders(saleId, 2);
        OrderPlaced created = orders.get(0);
        OrderPlaced expired = orders.get(1);
        redis.opsForValue().set(sale.stock(), "5");
        hashWithStatus(created, "CREATED", 1);
        redis.opsForHash().put(sale.buyers(), created.userId(), "1");

        assertThat(failedOrders.fail(OrderId.parse(created.orderId()))).isFalse();
        assertThat(failedOrders.fail(OrderId.parse(expired.orderId()))).isFalse();

        assertThat(statuses(orders)).containsExactly("CREATED", null);
        assertThat(redis.opsForValue().get(sale.stock())).isEqualTo("5");
        assertThat(redis.opsForHash().entries(sale.buyers())).isEqualTo(Map.of(created.userId(), "1"));
    }

    @Test
    void theUnitsGivenBackAreAnnouncedAsTheSalesStockLeftSoSoldOutFlagsDrop() {
        long saleId = newSaleId();
        SaleKeys sale = new SaleKeys(saleId);
        List<OrderPlaced> orders = OrderEvents.orders(saleId, 2);
        OrderPlaced alreadyCreated = orders.get(0);
        OrderPlaced failing = orders.get(1);
        redis.opsForValue().set(sale.stock(), "0");
        hashWithStatus(alreadyCreated, "CREATED", 1);
        pending(failing, 1);
        redis.opsForHash().putAll(sale.buyers(), Map.of(alreadyCreated.userId(), "1", failing.userId(), "1"));
        List<String> heard = new CopyOnWriteArrayList<>();
        RedisConnection subscriber = redis.getRequiredConnectionFactory().getConnection();
        try {
            subscriber.subscribe((message, pattern) -> heard.add(new String(message.getBody(), StandardCharsets.UTF_8)),
                    StockEvent.CHANNEL.getBytes(StandardCharsets.UTF_8));

            assertThat(failedOrders.fail(OrderId.parse(alreadyCreated.orderId()))).isFalse();
            assertThat(failedOrders.fail(OrderId.parse(failing.orderId()))).isTrue();

            // One subscriber connection hears messages in the order Redis ran the scripts: had the first
            // published anything, it would come before.
            await().atMost(PATIENCE).until(() -> heard.stream().anyMatch(event -> event.startsWith(saleId + ":")));
            assertThat(heard.stream().filter(event -> event.startsWith(saleId + ":"))).containsExactly(saleId + ":1");
        } finally {
            subscriber.close();
        }
        assertThat(redis.opsForValue().get(sale.stock())).isEqualTo("1");
    }

    private void pending(OrderPlaced order, int units) {
        hashWithStatus(order, "PENDING", units);
    }

    /** The order's status hash as purchase.lua (PENDING) or a batch write (CREATED) leaves it. */
    private void hashWithStatus(OrderPlaced order, String status, int units) {
        redis.opsForHash().putAll(statusKey(order), Map.of("status", status, "userId", order.userId(),
                "quantity", Integer.toString(units)));
    }

    private void withRefusingDatabase(Runnable scenario) {
        jdbc.execute("ALTER TABLE orders ADD CONSTRAINT refuse_test_shoppers CHECK (user_id NOT LIKE '"
                + REFUSED_PREFIX + "%')");
        try {
            scenario.run();
        } finally {
            jdbc.execute("ALTER TABLE orders DROP CONSTRAINT refuse_test_shoppers");
        }
    }

    private static OrderPlaced withUser(OrderPlaced order, String userId, int quantity) {
        return new OrderPlaced(order.orderId(), order.saleId(), userId, quantity, order.unitPrice(), order.placedAt());
    }
}
