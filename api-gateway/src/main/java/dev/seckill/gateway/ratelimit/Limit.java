package dev.seckill.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code capacity} requests per {@code period}, written {@code "5/10s"}: a bucket of that many
 * tokens that refills evenly over the period, so a full bucket allows a burst of {@code capacity}.
 */
public record Limit(long capacity, Duration period) {

    public Limit {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a limit needs a capacity of at least 1 and a positive period");
        }
    }

    public static Limit parse(String text) {
        String[] parts = text.trim().split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a limit is written <requests>/<period>, e.g. 5/10s; got " + text);
        }
        return new Limit(Long.parseLong(parts[0].trim()), DurationStyle.detectAndParse(parts[1].trim()));
    }

    Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
    }

    BucketConfiguration configuration() {
        return BucketConfiguration.builder().addLimit(bandwidth()).build();
    }

    /** RFC-draft {@code RateLimit-Policy} form: {@code 5;w=10}. */
    String policy() {
        return capacity + ";w=" + Math.max(1, period.toSeconds());
    }

    @Override
    public String toString() {
        return capacity + "/" + period;
    }
}
