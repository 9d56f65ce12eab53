package dev.seckill.gateway.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which token claims make an admin, and which browser origins may call the API. Where the gateway
 * finds the keys that sign tokens is Spring's own setting:
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} (or {@code issuer-uri}) for an
 * identity provider, {@code public-key-location} for the local platform.
 *
 * @param rolesClaim the claim listing the caller's roles
 * @param adminRole the role that may use {@code /api/admin/**} and the actuator beyond health
 * @param allowedOrigins browser origins allowed by CORS; none by default, so no other site's page
 *     can call the API with a shopper's token
 * @param verifiedTokens how many tokens, already checked, a replica remembers until they expire, so a
 *     shopper's every request does not verify the same signature again. About 1.5 KB of heap each
 *     (measured with 500-character tokens); 0 checks every request
 */
@ConfigurationProperties("seckill.gateway.security")
public record GatewaySecurityProperties(
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("admin") String adminRole,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("50000") long verifiedTokens) {
}
