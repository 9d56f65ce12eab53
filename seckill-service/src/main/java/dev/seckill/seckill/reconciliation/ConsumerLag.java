package dev.seckill.seckill.reconciliation;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * How many order events the order consumer has not committed yet, over the whole topic: orders in
 * flight between the outbox and MySQL. Events are keyed by order id, so lag cannot be told apart by
 * sale; any lag makes every sale not quiescent, which errs on the safe side.
 */
@Component
class ConsumerLag implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 3;

    private final Admin admin;
    private final ReconciliationProperties properties;

    ConsumerLag(KafkaAdmin kafkaAdmin, ReconciliationProperties properties) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        this.properties = properties;
    }

    /** The lag, or empty when Kafka did not answer in time (then nobody knows what is in flight). */
    OptionalLong total() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(properties.consumerGroup())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            var partitions = admin.describeTopics(java.util.List.of(properties.topic())).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(properties.topic()).partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(
                    partition -> new TopicPartition(properties.topic(), partition.partition()), partition -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return OptionalLong.of(lag);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
