package dev.seckill.seckill.purchase;

import static org.awaitility.Awaitility.await;

import dev.seckill.testsupport.SharedServers;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the order topic from the start, as a consumer of its own, to see what the relay sent. */
public final class OrderTopicReader {

    private OrderTopicReader() {
    }

    /** Hands every record to {@code sink} until {@code done} holds (at most a minute). */
    public static void readUntil(Consumer<ConsumerRecord<String, String>> sink, BooleanSupplier done) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.get().kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("seckill.orders"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
                return done.getAsBoolean();
            });
        }
    }
}
