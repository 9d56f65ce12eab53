package dev.seckill.consumer.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the order consumer; the defaults fit the local servers.
 *
 * @param topic           where seckill-service publishes {@code OrderPlaced}
 * @param deadLetterTopic where records that can never be written go, with the reason in headers
 * @param partitions      partitions of both topics (the dead-letter record keeps its source partition)
 * @param replicas        replication factor of both topics
 * @param concurrency     listener threads, i.e. the worker pool. Unset, one per core the JVM sees,
 *                        at most one per partition: a batch is CPU work (JSON, binding, the status
 *                        script) plus a wait for the database, so a thread per core keeps the cores
 *                        busy, and each thread's consumer fetches several partitions at once, so its
 *                        batches grow with the load. Twelve threads on two cores (one per partition)
 *                        made twelve small fetches and batches where two larger ones do. The pool of
 *                        database connections must be at least this large.
 * @param statusTtl       how long the order's status hash lives in Redis after it became CREATED or FAILED
 * @param shutdownTimeout how long a stopping listener may take to finish and commit its current
 *                        batch; below {@code spring.lifecycle.timeout-per-shutdown-phase}, above the
 *                        time limit of one database call
 * @param retry           back-off between attempts at a batch that failed for a transient reason
 */
@ConfigurationProperties("seckill.consumer")
public record ConsumerProperties(
        @DefaultValue("seckill.orders") String topic,
        @DefaultValue("seckill.orders.DLT") String deadLetterTopic,
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicas,
        Integer concurrency,
        @DefaultValue("24h") Duration statusTtl,
        @DefaultValue("25s") Duration shutdownTimeout,
        @DefaultValue Retry retry) {

    public ConsumerProperties {
        if (concurrency == null) {
            concurrency = Math.min(partitions, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Exponential back-off without an end: a transient failure (database down, Redis down) is
     * retried until it heals, because giving up would mean dropping an accepted order.
     */
    public record Retry(
            @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10s") Duration maxInterval) {
    }
}
