package dev.seckill.consumer.order;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.seckill.contract.OrderPlaced;

/** The order topics, and what happens to a batch that fails: retry, or dead-letter a poison record. */
@Configuration(proxyBeanMethods = false)
class OrderKafkaConfig {

    /** Header on a dead letter that says in one line why the record could never be written. */
    static final String REASON_HEADER = "seckill-dlt-reason";

    @Bean
    NewTopic ordersTopic(ConsumerProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions()).replicas(properties.replicas()).build();
    }

    /** As many partitions as the source: a dead letter keeps its partition, hence its key's order. */
    @Bean
    NewTopic deadLetterTopic(ConsumerProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic())
                .partitions(properties.partitions()).replicas(properties.replicas()).build();
    }

    /**
     * On shutdown a listener finishes its current batch and commits it before its consumer leaves
     * the group; the container's own default (10 s) could cut a slow batch short, which would lose
     * nothing but would redeliver the batch after the restart.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> gracefulStop(
            ConsumerProperties properties) {
        return container -> container.getContainerProperties()
                .setShutdownTimeout(properties.shutdownTimeout().toMillis());
    }

    /**
     * The only producer here writes dead letters. Their value is either the raw bytes of a record
     * that could not be deserialised or an {@link OrderPlaced} that could not be stored, written as
     * the same plain JSON (no type headers) that seckill-service sends.
     */
    @Bean
    DefaultKafkaProducerFactory<String, Object> deadLetterProducerFactory(KafkaProperties kafka) {
        DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(),
                OrderPlaced.class, new JsonSerializer<OrderPlaced>().noTypeInfo()));
        return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(null), new StringSerializer(), values);
    }

    @Bean
    KafkaTemplate<String, Object> deadLetterTemplate(DefaultKafkaProducerFactory<String, Object> deadLetterProducerFactory) {
        return new KafkaTemplate<>(deadLetterProducerFactory);
    }

    /**
     * Poison records go to the dead-letter topic at once, and the orders they carry fail. Everything
     * else is retried with exponential back-off and no limit: the back-off never runs out, so the
     * error handler never recovers (drops) a batch that failed for a transient reason.
     */
    @Bean
    DefaultErrorHandler orderErrorHandler(KafkaTemplate<String, Object> deadLetterTemplate, FailedOrders failedOrders,
            OrderTraces traces, ConsumerProperties properties) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, failure) -> new TopicPartition(properties.deadLetterTopic(), record.partition()));
        deadLetters.setHeadersFunction((record, failure) -> new RecordHeaders(new RecordHeader[] {
                new RecordHeader(REASON_HEADER, reason(failure).getBytes(StandardCharsets.UTF_8))}));

        ConsumerProperties.Retry retry = properties.retry();
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);

        DefaultErrorHandler handler = new DefaultErrorHandler(
                new FailingDeadLetterRecoverer(failedOrders, deadLetters, traces), backOff);
        handler.addNotRetryableExceptions(PoisonRecordException.class);
        return handler;
    }

    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PoisonRecordException poison) {
                return poison.getMessage();
            }
        }
        return String.valueOf(failure.getMessage());
    }
}
