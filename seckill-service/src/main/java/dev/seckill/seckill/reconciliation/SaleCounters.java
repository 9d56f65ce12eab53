package dev.seckill.seckill.reconciliation;

import java.time.Instant;
import java.util.Optional;

/**
 * A sale's counters in Redis as one probe reads them (see {@code sale-probe.lua}). Equal counters
 * in two rounds mean that no purchase was accepted and no unit given back or repaired in between.
 *
 * @param stock the stock counter, {@code null} when the key is missing
 * @param buyers how many shoppers the buyers' hash counts
 * @param outboxLength entries waiting for the relay
 * @param lastOutboxId the id of the last entry ever appended to the outbox, {@code null} before the first
 */
record SaleCounters(String stock, long buyers, long outboxLength, String lastOutboxId) {

    /** When the last purchase was accepted, on Redis' clock: a stream id starts with the millisecond of its append. */
    Optional<Instant> lastAcceptedAt() {
        if (lastOutboxId == null) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(lastOutboxId.substring(0, lastOutboxId.indexOf('-')))));
    }
}
