package dev.seckill.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaleScriptsTest {

    private static final OrderId ORDER = new OrderId(7, UUID.fromString("019ad3b0-5e1a-7c3d-9f10-2b3c4d5e6f70"));

    @Test
    void theScriptsShipInTheContract() {
        assertThat(SaleScripts.RELEASE_STOCK).contains("redis.call('INCRBY', KEYS[2]").contains("redis.call('PUBLISH'");
        assertThat(SaleScripts.MARK_CREATED).contains("'CREATED'");
        assertThat(SaleScripts.ORDER_STATUSES).contains("redis.call('HGET', key, 'status')");
        assertThat(SaleScripts.MARK_PAID).contains("'PAID'");
        assertThat(SaleScripts.ORDER_HOLDER).contains("'status', 'userId'");
    }

    @Test
    void aCallAboutOneOrderNamesItsHashOnly() {
        assertThat(SaleScripts.order(ORDER)).isEqualTo(new SaleScripts.Call(List.of(new SaleKeys(7).order(ORDER)), List.of()));
    }

    @Test
    void aReleaseNamesTheOrdersHashTheStockAndTheBuyersOfItsSale() {
        SaleScripts.Call call = SaleScripts.releaseStock(ORDER, Duration.ofSeconds(2), OrderStatus.CANCELLED,
                OrderStatus.PENDING, OrderStatus.CREATED);

        SaleKeys sale = new SaleKeys(7);
        assertThat(call.keys()).containsExactly(sale.order(ORDER), sale.stock(), sale.buyers());
        assertThat(call.args()).containsExactly("2000", StockEvent.CHANNEL, "7", "CANCELLED", "PENDING", "CREATED");
    }

    @Test
    void markingCreatedPassesEachOrdersShopperAndUnitsInTheOrderOfItsKeys() {
        OrderId other = new OrderId(7, UUID.fromString("019ad3b0-5e1a-7c3d-9f10-2b3c4d5e6f71"));

        SaleScripts.Call call = SaleScripts.markCreated(List.of(new SaleScripts.CreatedOrder(ORDER, "alice", 2),
                new SaleScripts.CreatedOrder(other, "bob", 1)), Duration.ofMinutes(1));

        assertThat(call.keys()).containsExactly(new SaleKeys(7).order(ORDER), new SaleKeys(7).order(other));
        assertThat(call.args()).containsExactly("60000", "alice", "2", "bob", "1");
    }

    @Test
    void oneCallCoversOneSale() {
        OrderId elsewhere = new OrderId(8, ORDER.uuid());

        assertThatThrownBy(() -> SaleScripts.orderStatuses(List.of(ORDER, elsewhere)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SaleScripts.orderStatuses(List.of(ORDER)).keys()).containsExactly(new SaleKeys(7).order(ORDER));
    }
}
