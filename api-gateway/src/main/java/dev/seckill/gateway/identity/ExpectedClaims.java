package dev.seckill.gateway.identity;

import java.time.Instant;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.stereotype.Component;

/**
 * A good signature is not enough: the token must come from the configured issuer, be meant for this
 * API, and be valid now, give or take the configured clock skew. Spring's own time check lets a token
 * without {@code exp} live forever, so one is required here. Spring Boot adds every validator bean to
 * the decoder's checks, whichever way the keys are found, issuer discovery included.
 */
@Component
final class ExpectedClaims implements OAuth2TokenValidator<Jwt> {

    private final OAuth2TokenValidator<Jwt> checks;

    ExpectedClaims(GatewaySecurityProperties properties) {
        this.checks = new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()));
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return checks.validate(token);
    }
}
