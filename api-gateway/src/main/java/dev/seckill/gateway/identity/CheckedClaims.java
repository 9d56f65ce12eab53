package dev.seckill.gateway.identity;

import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Of a token that passed every check, what the edge reads afterwards: who ({@code sub}), with which
 * roles, until when. {@link VerifiedTokens} keeps this instead of the decoded {@link Jwt} and hands out
 * a {@code Jwt} made from it, which the next young collection takes away.
 *
 * @param roles the roles claim as the token carried it (a list, or a space-separated string), or null
 */
record CheckedClaims(String algorithm, String subject, Object roles, Instant expiresAt) {

    static CheckedClaims of(Jwt jwt, String rolesClaim) {
        return new CheckedClaims(String.valueOf(jwt.getHeaders().get("alg")), jwt.getSubject(),
                jwt.getClaims().get(rolesClaim), jwt.getExpiresAt());
    }

    Jwt asJwt(String token, String rolesClaim) {
        return Jwt.withTokenValue(token)
                .header("alg", algorithm)
                .subject(subject)
                .expiresAt(expiresAt)
                .claims(claims -> {
                    if (roles != null) {
                        claims.put(rolesClaim, roles);
                    }
                })
                .build();
    }
}
