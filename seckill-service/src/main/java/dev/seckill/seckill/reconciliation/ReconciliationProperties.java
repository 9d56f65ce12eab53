package dev.seckill.seckill.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often every active sale is reconciled (drift as a metric, and logged)
 * @param quietPeriod how long a sale must have accepted no order before it counts as quiescent
 * @param consumerGroup the order consumer's Kafka group, whose lag counts as orders in flight
 * @param topic the order topic
 */
@ConfigurationProperties("seckill.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("60s") Duration interval,
        @DefaultValue("30s") Duration quietPeriod,
        @DefaultValue("order-consumer") String consumerGroup,
        @DefaultValue("seckill.orders") String topic) {
}
