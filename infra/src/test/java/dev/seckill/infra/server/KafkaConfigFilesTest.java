package dev.seckill.infra.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConfigFilesTest {

    @Test
    void singleNodeKraftOnLoopbackWithOneReplicaForInternalTopics() {
        Map<String, String> p = KafkaConfigFiles.serverProperties("127.0.0.1", 19092, 19093, Path.of("/run/kafka/data"));

        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/run/kafka/data")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void onAnotherLoopbackAddressBothListenersBindItAndTheBrokerAdvertisesIt() {
        Map<String, String> p = KafkaConfigFiles.serverProperties("127.0.0.4", 19092, 19093, Path.of("/run/kafka/data"));

        assertThat(p).containsEntry("controller.quorum.voters", "1@127.0.0.4:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.4:19092,CONTROLLER://127.0.0.4:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.4:19092");
    }

    @Test
    void renderedTextReadsBackAsTheSameProperties() throws IOException {
        Map<String, String> original = new LinkedHashMap<>();
        original.put("plain", "value");
        original.put("path", "C:\\kafka\\data");
        original.put("key with=odd:chars", "value with = and : and # inside");
        original.put("leading", " space");
        original.put("url", "file:/tmp/x/log4j.properties");

        Properties read = new Properties();
        read.load(new StringReader(KafkaConfigFiles.render(original)));

        assertThat(read).hasSize(original.size());
        original.forEach((key, value) -> assertThat(read.getProperty(key)).as(key).isEqualTo(value));
    }

    @Test
    void brokerLogsGoToAFileNotTheConsole() {
        Map<String, String> p = KafkaConfigFiles.log4jProperties(Path.of("/run/kafka/logs/server.log"));

        assertThat(p.get("log4j.rootLogger")).isEqualTo("INFO, file");
        assertThat(p).containsEntry("log4j.appender.file.File", "/run/kafka/logs/server.log");
        assertThat(p.values()).noneMatch(v -> v.contains("ConsoleAppender"));
    }
}
