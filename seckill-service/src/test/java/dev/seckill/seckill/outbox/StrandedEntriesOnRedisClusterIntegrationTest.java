package dev.seckill.seckill.outbox;

import dev.seckill.testsupport.SharedServers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same on a three-master Redis Cluster, where the script may name only the outbox's slot. */
class StrandedEntriesOnRedisClusterIntegrationTest extends StrandedEntriesIntegrationTest {

    @DynamicPropertySource
    static void redisCluster(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.cluster.nodes", () -> SharedServers.redisCluster().nodeAddresses());
    }
}
