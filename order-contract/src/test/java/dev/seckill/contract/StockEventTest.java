package dev.seckill.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StockEventTest {

    @Test
    void aMessageReadsBackAsTheEventItWasWrittenFrom() {
        StockEvent soldOut = new StockEvent(42, 0);
        StockEvent back = new StockEvent(42, 3);

        assertThat(StockEvent.parse(soldOut.message())).isEqualTo(soldOut);
        assertThat(StockEvent.parse(back.message())).isEqualTo(back);
        assertThat(soldOut.soldOut()).isTrue();
        assertThat(back.soldOut()).isFalse();
        assertThat(soldOut.message()).isEqualTo("42:0");
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "42", "42:", ":3", "a:1", "1:b", "0:1", "1:-1", "1:2:3"}) {
            assertThatThrownBy(() -> StockEvent.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
