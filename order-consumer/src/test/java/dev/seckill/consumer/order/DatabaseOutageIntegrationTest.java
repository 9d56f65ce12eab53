package dev.seckill.consumer.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.seckill.contract.OrderPlaced;
import dev.seckill.infra.server.LocalMariaDb;
import dev.seckill.testsupport.OrderEvents;
import dev.seckill.testsupport.SharedServers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** The database goes away in the middle of a stream: the consumer waits, paused, and loses nothing. */
class DatabaseOutageIntegrationTest extends RealServersTestBase {

    @Autowired
    private DatabaseGuard database;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void pausesWhileTheDatabaseIsDownAndWritesEveryOrderOnceItIsBack() {
        long saleId = newSaleId();
        List<OrderPlaced> orders = OrderEvents.orders(saleId, 10_000);
        CircuitBreaker breaker = database.breaker();
        MessageListenerContainer container = listeners.getListenerContainer(BreakerBackPressure.LISTENER_ID);
        LocalMariaDb mariaDb = SharedServers.get().mariaDb();
        List<CircuitBreaker.StateTransition> transitions = new CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onStateTransition(event -> transitions.add(event.getStateTransition()));

        events.send(orders.subList(0, 3_000));
        await().atMost(PATIENCE).until(() -> rows(saleId) == 3_000);

        mariaDb.stop();
        try {
            events.send(orders.subList(3_000, orders.size()));
            await().atMost(PATIENCE).until(() -> breaker.getState() == CircuitBreaker.State.OPEN && container.isContainerPaused());

            // While open, the paused consumers hand nothing to the listener: no call even reaches the breaker.
            long rejected = breaker.getMetrics().getNumberOfNotPermittedCalls();
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() ->
                    breaker.getState() != CircuitBreaker.State.OPEN
                            || container.isContainerPaused() && breaker.getMetrics().getNumberOfNotPermittedCalls() == rejected);

            // Half-open resumes the listeners for a probe; the database is still down, so it opens and pauses again.
            await().atMost(PATIENCE).until(() -> transitions.contains(CircuitBreaker.StateTransition.HALF_OPEN_TO_OPEN));
            await().atMost(PATIENCE).until(container::isContainerPaused);
        } finally {
            mariaDb.start();
        }

        // The test's own pool needs a moment to reconnect, too.
        await().atMost(PATIENCE).ignoreExceptions().until(() -> rows(saleId) == 10_000);
        await().atMost(PATIENCE).until(() -> events.consumedAll(groupId));
        assertThat(rows(saleId)).isEqualTo(10_000);
        System.out.println("Breaker transitions during the outage: " + transitions);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(container.isPauseRequested()).isFalse();
        assertThat(statuses(orders)).containsOnly("CREATED");
    }
}
