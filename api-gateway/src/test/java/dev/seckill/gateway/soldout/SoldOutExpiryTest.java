package dev.seckill.gateway.soldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A flag lives for its time to live and no longer, however it was set, unless confirmed again. */
class SoldOutExpiryTest {

    private static final Duration TTL = Duration.ofSeconds(3);
    private static SoldOutGateway edge;

    @BeforeAll
    static void start() {
        edge = new SoldOutGateway(TTL);
    }

    @AfterAll
    static void stop() {
        edge.close();
    }

    @Test
    void theFlagExpiresAfterItsTimeToLive() {
        long started = System.nanoTime();
        long sale = edge.flaggedByAnAnswer();

        await().atMost(TTL.multipliedBy(4)).until(() -> !edge.isFlagged(sale));

        // The flag was set by the first answer, after started: it cannot have lived less than its TTL.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TTL);
        assertThat(edge.purchase(sale, Map.of()).isProblem(409, "sold-out")).isTrue();
        assertThat(edge.seckill.calls(sale)).as("the purchase after expiry asked seckill-service").isEqualTo(2);
        assertThat(edge.isFlagged(sale)).as("and its answer flagged the sale again").isTrue();
    }
}
