package dev.seckill.infra.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalRedisClusterTest {

    static LocalRedisCluster cluster;

    @BeforeAll
    static void start() {
        cluster = LocalRedisCluster.onFreePorts(Path.of("target", "redis-cluster-" + ProcessHandle.current().pid()));
        cluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.stop();
    }

    @Test
    void threeMastersShareTheSlotsAndRunScriptsOnKeysOfOneHashTag() {
        RedisClusterClient client = RedisClusterClient.create(Arrays.stream(cluster.nodeAddresses().split(","))
                .map(address -> RedisURI.create("redis://" + address)).toList());
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            RedisAdvancedClusterCommands<String, String> redis = connection.sync();

            assertThat(redis.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:3", "cluster_slots_assigned:16384");
            for (int i = 0; i < 30; i++) {
                redis.set("key-" + i, "v" + i);
            }
            assertThat(redis.get("key-29")).isEqualTo("v29");

            String script = "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('INCR', KEYS[2])";
            Long counted = redis.eval(script, ScriptOutputType.INTEGER, new String[] {"sk:{7}:a", "sk:{7}:b"}, "x");
            assertThat(counted).isEqualTo(1L);
            assertThatThrownBy(() -> redis.eval(script, ScriptOutputType.INTEGER, new String[] {"sk:{7}:a", "sk:{8}:b"}, "x"))
                    .hasMessageContaining("CROSSSLOT");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void startingAgainFindsTheFormedClusterAndKeepsIt() {
        cluster.start();

        assertThat(cluster.nodes()).allSatisfy(node ->
                assertThat(Resp.call(node.host(), node.port(), "CLUSTER", "INFO")).contains("cluster_state:ok"));
    }
}
