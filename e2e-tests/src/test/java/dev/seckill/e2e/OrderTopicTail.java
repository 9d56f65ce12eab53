package dev.seckill.e2e;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The order topic from where it ended when this was opened, read without a consumer group (so no
 * service's offsets move): the order events the relay sends after that, with their headers.
 */
final class OrderTopicTail implements AutoCloseable {

    private static final String TOPIC = "seckill.orders";

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Map<String, String>> headersByKey = new HashMap<>();

    OrderTopicTail(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: fix the positions now, before the test makes events.
        partitions.forEach(consumer::position);
    }

    /** The headers of the event keyed {@code orderId} (the last value of each), waiting for it to arrive. */
    Map<String, String> headersOf(String orderId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Map<String, String> headers = new HashMap<>();
                for (Header header : record.headers()) {
                    headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
                headersByKey.put(record.key(), headers);
            }
            return headersByKey.containsKey(orderId);
        });
        return headersByKey.get(orderId);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
