package dev.seckill.gateway.route;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The breakers' settings are in application.yml, but for one that has no property there: their window
 * of recent calls is recorded on event-loop threads, where the default window's lock would make a
 * loop wait (park) whenever two calls end at once. The lock-free window never does. A customizer
 * names one breaker instance, so there is one for each {@link Upstream}.
 */
@Configuration(proxyBeanMethods = false)
class BreakerConfig {

    @Bean
    CircuitBreakerConfigCustomizer lockFreeSeckillServiceWindow() {
        return lockFreeWindow(Upstream.SECKILL_SERVICE);
    }

    @Bean
    CircuitBreakerConfigCustomizer lockFreeOrderConsumerWindow() {
        return lockFreeWindow(Upstream.ORDER_CONSUMER);
    }

    private static CircuitBreakerConfigCustomizer lockFreeWindow(Upstream upstream) {
        return CircuitBreakerConfigCustomizer.of(upstream.breaker(),
                breaker -> breaker.slidingWindowSynchronizationStrategy(SlidingWindowSynchronizationStrategy.LOCK_FREE));
    }
}
