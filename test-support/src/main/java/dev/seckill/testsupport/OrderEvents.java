package dev.seckill.testsupport;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.JsonSerializer;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderPlaced;

/**
 * The producing side of the order topic for tests and benchmarks: sends {@link OrderPlaced} the way
 * seckill-service's relay does (plain JSON without type headers, keyed by order id), and tells when
 * a consumer group has caught up.
 */
public final class OrderEvents implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final JsonSerializer<OrderPlaced> json = new JsonSerializer<OrderPlaced>().noTypeInfo();
    private final Admin admin;

    public OrderEvents(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** {@code count} well-formed orders of one sale, with distinct shoppers buying 1 to 3 units. */
    public static List<OrderPlaced> orders(long saleId, int count) {
        Clock clock = Clock.systemUTC();
        List<OrderPlaced> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            orders.add(new OrderPlaced(OrderId.next(saleId, clock).toString(), saleId, "user-" + i, 1 + i % 3,
                    new BigDecimal("19.99"), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        }
        return orders;
    }

    public void send(Collection<OrderPlaced> orders) {
        List<Future<?>> acks = new ArrayList<>(orders.size());
        for (OrderPlaced order : orders) {
            acks.add(producer.send(new ProducerRecord<>(topic, order.orderId(), json.serialize(topic, order))));
        }
        acks.forEach(OrderEvents::await);
    }

    /** One order with headers, such as the {@code traceparent} the relay copies from the purchase request. */
    public void send(OrderPlaced order, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, order.orderId(), json.serialize(topic, order));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.US_ASCII)));
        await(producer.send(record));
    }

    public void sendRaw(String key, byte[] value) {
        await(producer.send(new ProducerRecord<>(topic, key, value)));
    }

    /**
     * Creates the topic unless it exists, so events sent before a consumer starts spread over as many
     * partitions as the consumer would have created (the broker's auto-creation would make one).
     */
    public void createTopic(int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many records of the topic the group has committed, over all partitions. */
    public long committed(String groupId) throws ExecutionException, InterruptedException {
        return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }

    /** True when the group has committed every partition of the topic up to its end. */
    public boolean consumedAll(String groupId) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> {
            OffsetAndMetadata done = committed.get(end.getKey());
            return end.getValue().offset() == 0 || done != null && done.offset() >= end.getValue().offset();
        });
    }

    private static void await(Future<?> ack) {
        try {
            ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send failed", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
