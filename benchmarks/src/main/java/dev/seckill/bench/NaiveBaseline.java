package dev.seckill.bench;

import dev.seckill.bench.cpu.MeteredProcess;
import dev.seckill.bench.naive.NaiveSeckillApplication;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.platform.ServiceSpec;
import dev.seckill.infra.server.LocalServers;
import dev.seckill.infra.server.Ports;
import dev.seckill.testsupport.OrderEvents;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The naive design's process ({@link NaiveSeckillApplication}), started from this JVM's own classpath with the
 * services' JVM flags, against the bench platform's Redis and Kafka, and its topic.
 */
final class NaiveBaseline implements AutoCloseable {

    static final String NAME = "naive-seckill";
    private static final String TOPIC = "bench.naive.orders";
    private static final int PARTITIONS = 12;

    private final ServiceProcess process;
    private final LocalServers servers;
    private TopicRecords records;

    NaiveBaseline(Path runDir, LocalServers servers) {
        this.servers = servers;
        String classpath = System.getProperty("java.class.path");
        this.process = new ServiceProcess(new ServiceSpec(NAME, 0), runDir, Ports.freePort(),
                Path.of(classpath.split(java.io.File.pathSeparator)[0]),
                List.of("-cp", classpath, NaiveSeckillApplication.class.getName()));
    }

    void start() {
        // The broker creates no topic on its own (auto.create.topics.enable=false); as many partitions as the platform's.
        try (OrderEvents topic = new OrderEvents(servers.kafka().bootstrapServers(), TOPIC)) {
            topic.createTopic(PARTITIONS);
        }
        records = new TopicRecords(servers.kafka().bootstrapServers(), TOPIC);
        process.start(Map.of(
                "NAIVE_REDIS_HOST", servers.redis().host(),
                "NAIVE_REDIS_PORT", Integer.toString(servers.redis().port()),
                "NAIVE_TOPIC", TOPIC,
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", servers.kafka().bootstrapServers()));
    }

    MeteredProcess metered() {
        return new MeteredProcess(NAME, process::pid);
    }

    URI url() {
        return process.url();
    }

    static String purchasePath(long saleId) {
        return "/naive/sales/" + saleId + "/purchases";
    }

    /** Orders that reached Kafka so far. */
    long ordersInKafka() {
        return records.count();
    }

    @Override
    public void close() {
        process.stop();
        if (records != null) {
            records.close();
        }
    }
}
