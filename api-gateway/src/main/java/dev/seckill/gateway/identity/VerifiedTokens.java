package dev.seckill.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens that passed the decoder's checks, until they expire. A shopper sends the same token
 * with the purchase and with every look at the order, and checking the RSA signature again each time
 * was the largest single cost of a request at the gateway: about a seventh of its CPU in a spike. A
 * token is the same characters each time, signature included, so one seen and checked before is good
 * until its {@code exp}; any other string, even one differing in a single character, goes through the
 * full check. Tokens without {@code exp} are never remembered.
 *
 * <p>What is kept is small on purpose: the token's digest and the few claims the edge reads
 * ({@link TokenDigest}, {@link CheckedClaims}), not the token and its decoded {@link Jwt}. In a spike
 * almost every shopper is new, so the cache fills with tens of thousands of entries that outlive
 * several young collections; kept whole, at about 1.7 KB each (0.3 KB now), they were copied into
 * the old generation and grew the heap under the spike.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    /** Past this, a token is checked again even if it is still valid, so a cache entry never outlives a key change by much. */
    private static final Duration LONGEST_KEPT = Duration.ofMinutes(10);

    private final ReactiveJwtDecoder decoder;
    private final String rolesClaim;
    private final Cache<TokenDigest, CheckedClaims> verified;

    VerifiedTokens(ReactiveJwtDecoder decoder, String rolesClaim, long capacity) {
        this.decoder = decoder;
        this.rolesClaim = rolesClaim;
        this.verified = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfter(Expiry.creating((TokenDigest token, CheckedClaims claims) -> keptFor(claims.expiresAt())))
                // Evictions run on the thread that caused them, not on the common pool: a few map
                // operations, cheaper than handing them over.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        TokenDigest digest = TokenDigest.of(token);
        CheckedClaims known = verified.getIfPresent(digest);
        if (known != null) {
            return Mono.just(known.asJwt(token, rolesClaim));
        }
        return decoder.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null) {
                verified.put(digest, CheckedClaims.of(jwt, rolesClaim));
            }
        });
    }

    private static Duration keptFor(Instant expiresAt) {
        Duration left = Duration.between(Instant.now(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(LONGEST_KEPT) < 0 ? left : LONGEST_KEPT;
    }
}
