package dev.seckill.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderIdTest {

    @Test
    void roundTripsThroughItsTextForm() {
        OrderId id = OrderId.next(42, Clock.systemUTC());

        assertThat(OrderId.parse(id.toString())).isEqualTo(id);
        assertThat(id.toString()).startsWith("42-");
        assertThat(id.uuid().version()).isEqualTo(7);
        assertThat(id.uuid().variant()).isEqualTo(2);
    }

    @Test
    void idsMadeLaterSortAfterEarlierOnesAsText() {
        List<String> uuids = new ArrayList<>();
        for (long millis = 1_700_000_000_000L; millis < 1_700_000_000_010L; millis++) {
            Clock clock = Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
            uuids.add(OrderId.next(1, clock).uuid().toString());
        }

        assertThat(uuids).isSorted();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "abc", "42", "42-", "-0190a6b2-0000-7000-8000-000000000000",
            "0-0190a6b2-0000-7000-8000-000000000000", "x-0190a6b2-0000-7000-8000-000000000000",
            "42-0190a6b2-0000-4000-8000-000000000000", "42-not-a-uuid-at-all-but-36-chars-long",
            "99999999999999999999-0190a6b2-0000-7000-8000-000000000000"})
    void rejectsMalformedIds(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> OrderId.parse(text));
    }
}
