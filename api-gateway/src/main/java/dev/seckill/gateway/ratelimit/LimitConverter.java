package dev.seckill.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Lets limits be configured as {@code 5/10s}, also from an environment variable. */
@Component
@ConfigurationPropertiesBinding
class LimitConverter implements Converter<String, Limit> {

    @Override
    public Limit convert(String source) {
        return Limit.parse(source);
    }
}
