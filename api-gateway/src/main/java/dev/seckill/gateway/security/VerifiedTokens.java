package dev.seckill.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed the decoder's checks, until they expire. A shopper sends the same token
 * with the purchase and with every look at the order, and checking the RSA signature again each time
 * was the largest single cost of a request at the gateway: about a seventh of its CPU in a spike. A
 * token is the same characters each time, signature included, so one seen and checked before is good
 * until its {@code exp}; any other string, even one differing in a single character, goes through the
 * full check. Tokens without {@code exp} are never remembered.
 */
final class VerifiedTokens implements JwtDecoder {

    /** Past this, a token is checked again even if it is still valid, so a cache entry never outlives a key change by much. */
    private static final Duration LONGEST_KEPT = Duration.ofMinutes(10);

    private final JwtDecoder decoder;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder decoder, long capacity) {
        this.decoder = decoder;
        this.verified = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> keptFor(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private static Duration keptFor(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(LONGEST_KEPT) < 0 ? left : LONGEST_KEPT;
    }
}
