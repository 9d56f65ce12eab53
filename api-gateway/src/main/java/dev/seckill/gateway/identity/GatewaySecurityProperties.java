package dev.seckill.gateway.identity;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whose tokens count, which claims make an admin, and which browser origins may call the API. Where
 * the gateway finds the keys that sign tokens is Spring's own setting:
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} (or {@code issuer-uri}) for an
 * identity provider, {@code public-key-location} for the local platform. The expected issuer is a
 * setting of its own because Spring checks {@code issuer-uri} only in the first two cases (with a
 * public key, setting it would switch Spring to fetching the issuer's discovery document instead).
 *
 * @param issuer the {@code iss} a token must carry. No default on purpose: a key alone says nothing
 *     about who a token was meant for, so a gateway started without naming its issuer and audience
 *     refuses to start rather than accept any token the key ever signed
 * @param audience the value the token's {@code aud} must contain: the name this API has at the
 *     identity provider; no default, for the same reason
 * @param clockSkew how far past its {@code exp} (or before its {@code nbf}) a token is still good,
 *     for clocks that disagree a little. At most 30s: clocks kept by NTP disagree by far less, and
 *     every second more is a second a stolen, expired token still works (Spring's own check, which
 *     runs as well, allows 60s, so the stricter of the two is this one)
 * @param rolesClaim the claim listing the caller's roles
 * @param adminRole the role that may use {@code /api/admin/**} and the actuator beyond health
 * @param allowedOrigins browser origins allowed by CORS; none by default, so no other site's page
 *     can call the API with a shopper's token
 * @param verifiedTokens how many tokens, already checked, a replica remembers until they expire, so a
 *     shopper's every request does not verify the same signature again. About 0.3 KB of heap each
 *     (measured over 10,000 tokens of 522 characters); 0 checks every request
 */
@Validated
@ConfigurationProperties("seckill.gateway.security")
public record GatewaySecurityProperties(
        @NotBlank(message = "name the issuer whose tokens this gateway accepts (seckill.gateway.security.issuer)") String issuer,
        @NotBlank(message = "name this API's audience, which tokens must carry in aud (seckill.gateway.security.audience)") String audience,
        @DefaultValue("30s") @DurationMax(seconds = 30) Duration clockSkew,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("admin") String adminRole,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("50000") long verifiedTokens) {
}
