package dev.seckill.consumer.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

class DatabaseGuardTest {

    private final DatabaseGuard guard = new DatabaseGuard(
            CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                    .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(50)
                    .ignoreExceptions(DataIntegrityViolationException.class).build()),
            TimeLimiterRegistry.of(TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(200)).build()));
    private final CountDownLatch hung = new CountDownLatch(1);

    @AfterEach
    void release() {
        hung.countDown();
        guard.close();
    }

    @Test
    void aHungCallEndsAsATimeoutAndTwoFailuresOpenTheBreaker() {
        assertThatThrownBy(() -> guard.run(this::hang)).isInstanceOf(QueryTimeoutException.class);
        assertThatThrownBy(() -> guard.run(() -> {
            throw new TransientDataAccessResourceException("down");
        })).isInstanceOf(TransientDataAccessResourceException.class);

        assertThat(guard.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> guard.run(() -> { })).isInstanceOf(CallNotPermittedException.class);
    }

    @Test
    void aRefusedRowPassesThroughWithoutCountingAgainstTheDatabase() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guard.run(() -> {
                throw new DataIntegrityViolationException("too long");
            })).isInstanceOf(DataIntegrityViolationException.class);
        }
        assertThat(guard.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theListenersPauseWhileTheBreakerIsOpenAndResumeWhenItHalfOpens() {
        KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
        MessageListenerContainer container = mock(MessageListenerContainer.class);
        when(registry.getListenerContainer(BreakerBackPressure.LISTENER_ID)).thenReturn(container);
        new BreakerBackPressure(guard, registry);

        guard.breaker().transitionToOpenState();
        verify(container).pause();
        guard.breaker().transitionToHalfOpenState();
        verify(container).resume();
    }

    private void hang() {
        try {
            hung.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
