package dev.seckill.bench;

import dev.seckill.contract.OrderPlaced;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.server.Pause;
import dev.seckill.testsupport.OrderEvents;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Does persistence keep up: order-consumer's rate (the running process, as deployed) against the database's own
 * limit, in the same run on the same MariaDB. N events in the format the relay writes go straight to the topic
 * {@code seckill.orders} while the consumer is paused (SIGSTOP, a few seconds, well inside its Kafka session),
 * so it starts on a full topic and the producer takes no CPU from it; its rate is read from the rows' own
 * stamps ({@link OrdersDb#consumerRate}). Then the same rows go into a table of the same shape with plain JDBC
 * batches from one thread ({@link OrderRows}). The consumer also marks every order CREATED in Redis; the plain
 * insert does neither that nor any Kafka work.
 */
final class ConsumerPhase {

    private static final String TOPIC = "seckill.orders";
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private final String bootstrapServers;
    private final ServiceProcess consumer;
    private final OrdersDb database;

    ConsumerPhase(String bootstrapServers, ServiceProcess consumer, OrdersDb database) {
        this.bootstrapServers = bootstrapServers;
        this.consumer = consumer;
        this.database = database;
    }

    record Result(int orders, double consumerPerSecond, double plainInsertPerSecond) {

        double ratio() {
            return plainInsertPerSecond == 0 ? 0 : consumerPerSecond / plainInsertPerSecond;
        }
    }

    Result run(int count) throws SQLException {
        // A sale no phase opened: its orders are only these.
        long saleId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        List<OrderPlaced> orders = OrderEvents.orders(saleId, count);
        long pid = consumer.pid().orElseThrow(() -> new IllegalStateException("order-consumer is not running"));
        try (OrderEvents events = new OrderEvents(bootstrapServers, TOPIC)) {
            Signals.pause(pid);
            try {
                events.send(orders);
            } finally {
                Signals.resume(pid);
            }
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (database.rows(saleId) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("order-consumer wrote " + database.rows(saleId) + " of " + count
                        + " orders within " + PATIENCE.toMinutes() + " min; see " + consumer.logFile());
            }
            Pause.of(Duration.ofMillis(500));
        }
        return new Result(count, database.consumerRate(saleId), database.plainInsertRate(count, orders::get));
    }
}
