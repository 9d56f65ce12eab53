package dev.seckill.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.web.ProblemWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * For services behind the gateway: {@code @Import(InternalCallers.class)} makes every {@code /api/*}
 * call require the internal token. Health probes and metrics stay outside {@code /api}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalCallerProperties.class)
public class InternalCallers {

    @Bean
    FilterRegistrationBean<InternalCallerFilter> internalCallerFilter(InternalCallerProperties properties, ObjectMapper json) {
        FilterRegistrationBean<InternalCallerFilter> registration =
                new FilterRegistrationBean<>(new InternalCallerFilter(properties, new ProblemWriter(json)));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
