package dev.seckill.gateway.route;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The breaker's settings are in application.yml, but for one that has no property there: its window
 * of recent calls is recorded on event-loop threads, where the default window's lock would make a
 * loop wait (park) whenever two calls end at once. The lock-free window never does.
 */
@Configuration(proxyBeanMethods = false)
class BreakerConfig {

    @Bean
    CircuitBreakerConfigCustomizer lockFreeBreakerWindow() {
        return CircuitBreakerConfigCustomizer.of(Hop.BREAKER,
                breaker -> breaker.slidingWindowSynchronizationStrategy(SlidingWindowSynchronizationStrategy.LOCK_FREE));
    }
}
