package dev.seckill.seckill.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topic Kafka topic the orders go to
 * @param partitions partitions of that topic when this service creates it
 * @param replicas its replication factor (1 locally, 3 in production)
 * @param consumerName this relay's name in the outbox consumer group; keep it stable across
 *     restarts of one instance so it picks up its own unacknowledged entries first
 * @param batchSize entries read from one outbox stream per round; also the most entries one check for
 *     acknowledged entries left in an outbox looks at
 * @param idleWait pause after a round in which no outbox gave a full batch: the orders of a busy
 *     sale gather meanwhile and go to Kafka in batches of dozens, which costs the broker far less per
 *     order than a request for every few; it is also how long a lone order may wait for the relay
 * @param sendTimeout how long to wait for Kafka to acknowledge one batch
 * @param retryWait pause after Kafka failed to take a batch; the entries stay pending meanwhile
 * @param claimAfter how long an entry may stay pending with another relay before this one takes it
 *     over: that relay crashed or hangs. Longer than a send can take, so a live relay keeps its own
 * @param endGrace how long past its end a sale still counts as able to take orders before it may leave
 *     the active sales: a margin for a Redis failover to a node whose clock is behind
 * @param sweepInterval how often the active sales are checked for ones that ended and were drained
 */
@ConfigurationProperties("seckill.outbox")
public record OutboxProperties(
        @DefaultValue("seckill.orders") String topic,
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue("relay-local") String consumerName,
        @DefaultValue("500") int batchSize,
        @DefaultValue("20ms") Duration idleWait,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("1s") Duration retryWait,
        @DefaultValue("60s") Duration claimAfter,
        @DefaultValue("1m") Duration endGrace,
        @DefaultValue("10s") Duration sweepInterval) {
}
