package dev.seckill.seckill.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often the active and recently ended sales are reconciled (drift as a metric)
 * @param quietPeriod how long a sale must have accepted no order before it counts as quiescent
 * @param consumerGroup the order consumer's Kafka group, whose lag counts as orders in flight
 * @param topic the order topic
 * @param endedLookback how long after its end a sale is still reconciled on the schedule: as long as the
 *     longest payment window (a day), while cancelled orders may still give units back
 */
@ConfigurationProperties("seckill.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("60s") Duration interval,
        @DefaultValue("30s") Duration quietPeriod,
        @DefaultValue("order-consumer") String consumerGroup,
        @DefaultValue("seckill.orders") String topic,
        @DefaultValue("1d") Duration endedLookback) {
}
