package dev.seckill.bench;

import static org.awaitility.Awaitility.await;

import dev.seckill.contract.OrderPlaced;
import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.server.LocalServers;
import dev.seckill.testsupport.OrderEvents;
import dev.seckill.testsupport.SharedServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Orders persisted per second by order-consumer, run as its own process exactly as deployed, from a
 * topic pre-filled with 100,000 events; and in the same run the physical limit: one thread inserting
 * the same rows into the same database with plain JDBC batches ({@code rewriteBatchedStatements=true},
 * one transaction per batch of 1,000, the size of the consumer's polls). Prints both and their ratio.
 *
 * <p>The consumer's rate is measured on its own clock, without touching it while it runs: each batch
 * stamps its rows' {@code created_at} when its insert starts, so the rows stamped after the first
 * batch divided by the time from the first stamp to the last are its steady rate, free of the
 * process's start-up. Besides the insert it also marks every order CREATED in Redis; the baseline
 * does neither that nor any Kafka work. The worker pool is the consumer's default unless
 * {@code SECKILL_CONSUMER_CONCURRENCY} is set in the environment, which the process inherits.
 *
 * <p>System property {@code bench.orders} (default 100000).
 */
public final class OrderConsumerBenchmark {

    private static final int PARTITIONS = 12;
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private OrderConsumerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.orders", 100_000);
        Path root = Path.of(System.getProperty("seckill.project-root", "..")).toAbsolutePath().normalize();
        LocalServers servers = SharedServers.get();
        long saleId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String topic = "bench.orders." + saleId;
        String group = topic + ".group";
        List<OrderPlaced> orders = OrderEvents.orders(saleId, count);

        try (OrderEvents events = new OrderEvents(servers.kafka().bootstrapServers(), topic)) {
            events.createTopic(PARTITIONS);
            System.out.printf("Pre-filling %s with %,d events...%n", topic, count);
            events.send(orders);

            Platform platform = Platform.onFreePorts(servers, root, root.resolve("benchmarks/target/platform"));
            ServiceProcess consumer = platform.consumer();
            Map<String, String> environment = new HashMap<>(platform.environmentFor(consumer));
            environment.put("SECKILL_CONSUMER_TOPIC", topic);
            environment.put("SECKILL_CONSUMER_DEAD_LETTER_TOPIC", topic + ".DLT");
            environment.put("SPRING_KAFKA_CONSUMER_GROUP_ID", group);
            consumer.start(environment);
            try {
                awaitConsumed(events, group);
            } finally {
                consumer.stop();
            }

            try (OrdersDb database = new OrdersDb(servers.mariaDb())) {
                if (database.rows(saleId) != count) {
                    throw new IllegalStateException("expected " + count + " rows, found " + database.rows(saleId));
                }
                double viaConsumer = database.consumerRate(saleId);
                double baseline = database.plainInsertRate(count, orders::get);

                System.out.println();
                System.out.printf("%,d orders into MariaDB, %d partitions, all on this machine (%d cores):%n",
                        count, PARTITIONS, Runtime.getRuntime().availableProcessors());
                System.out.printf("  %-66s %,10.0f orders/s%n", "order-consumer (Kafka -> batch insert -> Redis CREATED), "
                        + System.getenv().getOrDefault("SECKILL_CONSUMER_CONCURRENCY", "default") + " workers", viaConsumer);
                System.out.printf("  %-66s %,10.0f orders/s%n", "plain JDBC batch insert, 1 thread, batches of " + OrderRows.BATCH, baseline);
                System.out.printf("  %-66s %10.1f %%%n", "consumer / plain insert", 100 * viaConsumer / baseline);
            }
        }
        System.exit(0);
    }

    private static void awaitConsumed(OrderEvents events, String group) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> events.consumedAll(group));
    }
}
