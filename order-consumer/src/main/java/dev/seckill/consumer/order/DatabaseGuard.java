package dev.seckill.consumer.order;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import jakarta.annotation.PreDestroy;

/**
 * Every write to the orders table passes here: a time limit around the whole call (on top of the
 * pool's connection timeout and the JDBC query timeout) and the circuit breaker that
 * {@link BreakerBackPressure} turns into paused listeners. Both are configured under
 * {@code resilience4j.*.instances.orders-db}.
 *
 * <p>A call that times out may still commit later; that is harmless, because the batch is retried
 * and the inserts are idempotent.
 */
@Component
public class DatabaseGuard {

    public static final String NAME = "orders-db";

    private final CircuitBreaker breaker;
    private final TimeLimiter timeLimiter;
    private final ExecutorService calls;

    public DatabaseGuard(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters) {
        this.breaker = breakers.circuitBreaker(NAME);
        this.timeLimiter = timeLimiters.timeLimiter(NAME);
        AtomicInteger threads = new AtomicInteger();
        // The limiter needs the call on another thread to stop waiting for it.
        this.calls = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, NAME + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code call} under the time limit and the breaker. Throws what the call threw,
     * {@link QueryTimeoutException} when the limit ran out, or the breaker's
     * {@code CallNotPermittedException} while it is open.
     */
    public <T> T call(Supplier<T> call) {
        try {
            return breaker.executeCallable(() -> timeLimiter.executeFutureSupplier(
                    () -> CompletableFuture.supplyAsync(call, calls)));
        } catch (TimeoutException e) {
            throw new QueryTimeoutException("database call exceeded " + timeLimiter.getTimeLimiterConfig().getTimeoutDuration(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @PreDestroy
    void close() {
        calls.shutdownNow();
    }
}
