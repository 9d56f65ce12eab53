package dev.seckill.seckill.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.testsupport.SharedServers;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every purchase scenario again, on a three-master Redis Cluster: the same code, only the
 * connection differs, so every key of a sale must share a slot for the script to run.
 */
class PurchaseOnRedisClusterIntegrationTest extends PurchaseIntegrationTest {

    @DynamicPropertySource
    static void redisCluster(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.cluster.nodes", () -> SharedServers.redisCluster().nodeAddresses());
    }

    @Test
    void theServiceTalksToAllThreeMasters() {
        var connection = redis.getRequiredConnectionFactory().getClusterConnection();
        try {
            assertThat(connection.clusterGetNodes()).hasSize(3).allMatch(node -> node.isMaster());
        } finally {
            connection.close();
        }
    }
}
