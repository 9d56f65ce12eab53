package dev.seckill.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seckill.gateway.GatewayTestBase;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A shopper's bucket on real Redis: one script call per draw, exact, refilled evenly over its period on
 * Redis' clock, and sent again when Redis has forgotten the script.
 */
@TestPropertySource(properties = {
        "seckill.gateway.rate-limit.key-prefix=test-small-buckets:",
        "seckill.gateway.rate-limit.per-user=3/1m",
        "seckill.gateway.rate-limit.per-client=100000/1s",
        "seckill.gateway.rate-limit.global=100000/1s"})
class SmallBucketsTest extends GatewayTestBase {

    private static final Pattern CALLS = Pattern.compile("cmdstat_evalsha:calls=(\\d+)");

    @Autowired
    SmallBuckets buckets;

    @Autowired
    StatefulRedisConnection<String, byte[]> redis;

    @Test
    void aPurchaseDrawsItsShoppersBucketWithOneScriptCall() {
        String user = uniqueUser("one-trip");
        long before = scriptCalls();

        for (int i = 0; i < 4; i++) {
            api.postJson("/api/sales/1/purchases", shopper(user), "{\"quantity\":1}");
        }

        assertThat(scriptCalls() - before).as("four purchases, four draws, one call each").isEqualTo(4);
        assertThat(api.postJson("/api/sales/1/purchases", shopper(user), "{\"quantity\":1}").isProblem(429, "rate-limited"))
                .as("the bucket of three is empty").isTrue();
    }

    @Test
    void aBucketRefillsEvenlyOverItsPeriod() {
        String key = "test-small-buckets:refill:" + UUID.randomUUID();
        Limit twoPerSecond = new Limit(2, Duration.ofSeconds(1));
        assertThat(buckets.tryTake(key, twoPerSecond).join().isConsumed()).isTrue();
        assertThat(buckets.tryTake(key, twoPerSecond).join().isConsumed()).isTrue();
        long emptied = System.nanoTime();

        ConsumptionProbe refused = buckets.tryTake(key, twoPerSecond).join();

        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getRemainingTokens()).isZero();
        assertThat(Duration.ofNanos(refused.getNanosToWaitForRefill())).isBetween(Duration.ofMillis(1), Duration.ofMillis(500));
        await().atMost(Duration.ofSeconds(3)).until(() -> buckets.tryTake(key, twoPerSecond).join().isConsumed());
        // Redis' clock and this JVM's may tick a few milliseconds apart; the bucket said how long to wait.
        assertThat(Duration.ofNanos(System.nanoTime() - emptied)).as("no token before the refill the refusal named")
                .isGreaterThanOrEqualTo(Duration.ofNanos(refused.getNanosToWaitForRefill()).minusMillis(20));
    }

    @Test
    void aScriptRedisForgotIsSentAgain() {
        String key = "test-small-buckets:flushed:" + UUID.randomUUID();
        Limit limit = new Limit(5, Duration.ofMinutes(1));
        assertThat(buckets.tryTake(key, limit).join().getRemainingTokens()).isEqualTo(4);

        assertThat(redis.sync().scriptFlush()).isEqualTo("OK");

        assertThat(buckets.tryTake(key, limit).join().getRemainingTokens()).as("the same bucket, drawn again").isEqualTo(3);
        assertThat(redis.sync().scriptExists(redis.sync().digest(SmallBuckets.SCRIPT))).containsExactly(true);
    }

    private long scriptCalls() {
        Matcher calls = CALLS.matcher(redis.sync().info("commandstats"));
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

}
