package dev.seckill.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The three layers, each {@code <requests>/<period>}. The defaults suit the local platform, whose
 * demo sends 1,000 purchases from one address within a second; production sets its own (see the
 * README).
 *
 * @param global purchases per period by everyone together: what seckill-service is sized for
 * @param perUser purchases per period by one shopper: a person taps a few times, a bot hundreds
 * @param perClient API calls of any kind per period from one client address, signed in or not. Kept
 *     loose, because a carrier's NAT puts many shoppers behind one address
 * @param keyPrefix prefix of the bucket keys in Redis, so environments sharing a Redis stay apart
 * @param redisTimeout how long a bucket may wait for Redis before this request uses the local bucket
 * @param localBuckets how many buckets a replica keeps in memory at most: handles on Redis buckets,
 *     and local buckets while Redis is unreachable
 * @param trustedProxies address ranges (CIDR) of proxies whose {@code X-Forwarded-For} names the
 *     client: by default loopback and the private, link-local and carrier-grade NAT ranges, as
 *     Tomcat's internal proxies were. The ingress in front must overwrite that header, not append
 *     a client's own
 */
@ConfigurationProperties("seckill.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("5000/1s") Limit global,
        @DefaultValue("5/10s") Limit perUser,
        @DefaultValue("3000/1s") Limit perClient,
        @DefaultValue("gw:rl:") String keyPrefix,
        @DefaultValue("500ms") Duration redisTimeout,
        @DefaultValue("100000") long localBuckets,
        @DefaultValue({"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10",
                "127.0.0.0/8", "::1/128", "fc00::/7", "fe80::/10"}) List<String> trustedProxies) {
}
