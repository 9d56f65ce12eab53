package dev.seckill.consumer.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seckill.consumer.ApiTestBase;
import dev.seckill.contract.OrderId;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A shopper's history on real MariaDB: keyset pages, newest first, ties on the placing time broken by order id. */
class OrderHistoryIntegrationTest extends ApiTestBase {

    @Test
    void pagesCoverEveryOrderOfTheShopperOnceNewestFirstEvenWhenOrdersShareAMillisecond() {
        String shopper = "history-" + System.nanoTime();
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<OrderId> mine = new ArrayList<>();
        // Five orders over two sales; three of them placed in the same millisecond.
        for (int i = 0; i < 5; i++) {
            OrderId order = OrderId.next(1_000 + i % 2, Clock.systemUTC());
            Instant placedAt = base.plusMillis(Math.min(i, 2));
            insertRow(order, shopper, 1 + i, "2.00", i == 0 ? "PAID" : "CREATED", placedAt, placedAt.plus(Duration.ofMinutes(15)));
            mine.add(order);
        }
        insertRow(OrderId.next(1_000, Clock.systemUTC()), shopper + "-other", 1, "2.00", "CREATED", base, base.plusSeconds(900));

        List<JsonNode> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String path = "/api/orders?mine&limit=2";
        while (path != null) {
            ApiResponse page = api.get(path, Map.of("X-User-Id", shopper));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.body().path("orders").forEach(seen::add);
            pageSizes.add(page.body().path("orders").size());
            JsonNode next = page.body().path("next");
            path = next.isNull() ? null : "/api/orders?mine&limit=2&before=" + next.asText();
        }

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).extracting(order -> order.path("orderId").asText())
                .containsExactlyInAnyOrderElementsOf(mine.stream().map(OrderId::toString).toList());
        Comparator<JsonNode> newestFirst = Comparator.<JsonNode, Instant>comparing(order -> Instant.parse(order.path("placedAt").asText()))
                .thenComparing(order -> OrderId.parse(order.path("orderId").asText()).uuid().toString())
                .reversed();
        assertThat(seen).isSortedAccordingTo(newestFirst);
        JsonNode oldest = seen.get(seen.size() - 1);
        assertThat(oldest.path("orderId").asText()).isEqualTo(mine.get(0).toString());
        assertThat(oldest.path("status").asText()).isEqualTo("PAID");
        assertThat(oldest.path("quantity").asInt()).isEqualTo(1);
        assertThat(oldest.path("amount").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(Instant.parse(oldest.path("payBy").asText())).isEqualTo(base.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aCursorOrLimitOutsideTheRulesIsA400() {
        String shopper = "history-" + System.nanoTime();
        OrderId order = OrderId.next(1_000, Clock.systemUTC());
        insertRow(order, shopper, 1, "2.00", "CREATED", Instant.now(), Instant.now().plusSeconds(900));

        assertThat(api.get("/api/orders?mine&limit=0", Map.of("X-User-Id", shopper)).isProblem(400, "invalid-request")).isTrue();
        assertThat(api.get("/api/orders?mine&limit=101", Map.of("X-User-Id", shopper)).isProblem(400, "invalid-request")).isTrue();
        assertThat(api.get("/api/orders?mine&before=" + order, Map.of("X-User-Id", "not-" + shopper))
                .isProblem(400, "invalid-request")).isTrue();
        assertThat(api.get("/api/orders?mine&before=nonsense", Map.of("X-User-Id", shopper)).isProblem(400, "invalid-request")).isTrue();
        assertThat(api.get("/api/orders?mine", Map.of("X-User-Id", "not-" + shopper)).body().path("orders")).isEmpty();
    }
}
