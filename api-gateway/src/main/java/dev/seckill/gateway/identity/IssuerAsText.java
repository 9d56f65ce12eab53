package dev.seckill.gateway.identity;

import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

/**
 * Keeps a token's {@code iss} claim as the text it is. Spring's claim mapping would turn it into a
 * URL, and an issuer that is a plain name (the local platform's is) makes that throw and catch an
 * exception, deep stack trace included, for every new token: about a twentieth of the edge's CPU in
 * a flood of new shoppers. The issuer check compares text anyway.
 */
final class IssuerAsText implements BeanPostProcessor {

    private static final Converter<Object, ?> AS_IS = claim -> claim;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof NimbusReactiveJwtDecoder decoder) {
            decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, AS_IS)));
        }
        return bean;
    }
}
