package dev.seckill.gateway.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.server.WebFilterChainProxy.DefaultWebFilterChainDecorator;
import org.springframework.security.web.server.WebFilterChainProxy.WebFilterChainDecorator;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's filter chain without two costs paid on every request. Its observation decorator
 * wraps each of its dozen filters in an observation (turned off anyway in application.yml); the
 * request's own observation already carries the trace. Its firewall checks every header name and
 * value, the 500-character token included, against a regular expression; here the same rule
 * (assigned characters, no control characters) is a loop.
 */
@Configuration(proxyBeanMethods = false)
class EdgeFilterChain {

    @Bean
    @Primary
    static ObjectPostProcessor<WebFilterChainDecorator> plainSecurityFilterChain() {
        return new ObjectPostProcessor<>() {
            @Override
            @SuppressWarnings("unchecked")
            public <O extends WebFilterChainDecorator> O postProcess(O decorator) {
                return (O) new DefaultWebFilterChainDecorator();
            }
        };
    }

    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(EdgeFilterChain::isPlainText);
        firewall.setAllowedHeaderValues(EdgeFilterChain::isPlainText);
        return firewall;
    }

    /** {@code null} passes: the firewall asks about absent values too, and there is nothing in them. */
    static boolean isPlainText(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || !Character.isDefined(c)) {
                return false;
            }
        }
        return true;
    }
}
