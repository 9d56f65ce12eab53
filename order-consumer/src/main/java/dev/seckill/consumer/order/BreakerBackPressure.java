package dev.seckill.consumer.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;

/**
 * Stops consuming while the database is out: when the breaker opens, the order listener's
 * containers pause (they keep their partitions and offsets but fetch nothing, so nothing is skipped
 * and no thread spins on a dead database); when it half-opens, they resume and the next batch is the
 * probe; if the probe fails the breaker opens and they pause again.
 *
 * <p>A batch that is being retried when the pause comes is sought back and redelivered after the
 * resume (the error handler gives up its retry loop on a pause request).
 */
@Component
public class BreakerBackPressure {

    static final String LISTENER_ID = "order-writer";
    private static final Logger log = LoggerFactory.getLogger(BreakerBackPressure.class);

    private final KafkaListenerEndpointRegistry listeners;

    public BreakerBackPressure(DatabaseGuard guard, KafkaListenerEndpointRegistry listeners) {
        this.listeners = listeners;
        guard.breaker().getEventPublisher().onStateTransition(this::onTransition);
    }

    private void onTransition(CircuitBreakerOnStateTransitionEvent event) {
        MessageListenerContainer container = listeners.getListenerContainer(LISTENER_ID);
        if (container == null) {
            return;
        }
        CircuitBreaker.State to = event.getStateTransition().getToState();
        if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
            log.warn("Database breaker {}: pausing the order listeners", event.getStateTransition());
            container.pause();
        } else {
            log.info("Database breaker {}: resuming the order listeners", event.getStateTransition());
            container.resume();
        }
    }
}
