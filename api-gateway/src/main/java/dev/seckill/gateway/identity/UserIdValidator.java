package dev.seckill.gateway.identity;

import dev.seckill.api.PlainTokens;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * A token is only good if its {@code sub} can be a user id downstream (it becomes part of Redis
 * keys), so such a token is refused as invalid at the door instead of failing later. Spring Boot
 * adds every validator bean to the decoder's signature and expiry checks.
 */
@Component
class UserIdValidator implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (PlainTokens.isValid(token.getSubject())) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "the token's subject is not a user id: " + PlainTokens.RULE, null));
    }
}
