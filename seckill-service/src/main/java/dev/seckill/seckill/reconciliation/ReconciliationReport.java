package dev.seckill.seckill.reconciliation;

import java.time.Instant;
import java.util.List;

/**
 * One sale's units accounted for: {@code initialStock = redisStock + liveUnits + outboxUnits + returningUnits}
 * when nothing drifted.
 *
 * @param redisStock the stock counter in Redis, {@code null} when the key is missing
 * @param expectedRedisStock what the stock counter should hold: {@code initialStock} minus the units below
 * @param liveUnits units of orders in MySQL that hold stock (not CANCELLED or FAILED)
 * @param outboxUnits units of accepted orders still in the sale's outbox
 * @param returningUnits units of cancelled orders not yet given back to Redis
 * @param consumerLag order events not yet written by the consumer (whole topic), {@code null} if unknown
 * @param drift {@code expectedRedisStock} minus {@code redisStock} (0 when missing): positive means units
 *     lost to sale, negative means stray units that could be oversold
 * @param buyers shoppers whose count in Redis differs from their live and outbox orders
 * @param notQuiescent why the sale may still be moving (empty when quiescent); drift on a moving
 *     sale may be orders in flight, and only a quiescent sale is repaired
 */
public record ReconciliationReport(
        long saleId,
        int initialStock,
        Long redisStock,
        long expectedRedisStock,
        long liveUnits,
        long outboxUnits,
        long returningUnits,
        Long consumerLag,
        long drift,
        List<BuyerDrift> buyers,
        List<String> notQuiescent,
        boolean repaired,
        Instant checkedAt) {

    public boolean quiescent() {
        return notQuiescent.isEmpty();
    }

    public record BuyerDrift(String userId, long inRedis, long expected) {
    }
}
