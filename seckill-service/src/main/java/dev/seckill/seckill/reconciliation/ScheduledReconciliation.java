package dev.seckill.seckill.reconciliation;

import dev.seckill.seckill.sale.RedisSales;
import dev.seckill.seckill.sale.SaleRepository;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reconciles every active sale and every sale that ended within {@code ended-lookback} on a schedule,
 * as the gauge {@code seckill.reconciliation.drift{sale}}, without a cost that grows with a live sale:
 * the full check reads a sale whole (its outbox, its buyers, a GROUP BY over its orders), which on a
 * sale taking thousands of orders a second would cost more each round and tell nothing (drift on a
 * moving sale may be orders in flight). So each round only probes a sale at bounded cost
 * ({@link SaleProbes}), and runs the full check only when the sale looks quiescent and its counters
 * changed since its last quiescent check; otherwise the gauge keeps the last value. A quiescent sale
 * that drifted is logged, once per change.
 */
@Component
class ScheduledReconciliation {

    private static final Logger log = LoggerFactory.getLogger(ScheduledReconciliation.class);

    private final Reconciliation reconciliation;
    private final SaleProbes probes;
    private final RedisSales redisSales;
    private final SaleRepository sales;
    private final ConsumerLag lag;
    private final ReconciliationProperties properties;
    private final Clock clock;
    /** The counters each sale had at its last full check that found it quiescent. */
    private final Map<Long, SaleCounters> lastQuiescent = new ConcurrentHashMap<>();

    ScheduledReconciliation(Reconciliation reconciliation, SaleProbes probes, RedisSales redisSales, SaleRepository sales,
            ConsumerLag lag, ReconciliationProperties properties, Clock clock) {
        this.reconciliation = reconciliation;
        this.probes = probes;
        this.redisSales = redisSales;
        this.sales = sales;
        this.lag = lag;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A drained sale leaves the active set soon after its end, but its cancelled orders give units back
     * for as long as its payment window, hence the ended sales too.
     */
    @Scheduled(fixedDelayString = "${seckill.reconciliation.interval:60s}", initialDelayString = "${seckill.reconciliation.interval:60s}")
    void round() {
        Set<Long> saleIds = new TreeSet<>(redisSales.activeSaleIds());
        saleIds.addAll(sales.idsEndingAfter(clock.instant().minus(properties.endedLookback())));
        lastQuiescent.keySet().retainAll(saleIds);
        // One look at Kafka for the round: the lag is the whole topic's, the same for every sale.
        OptionalLong consumerLag = lag.total();
        for (long saleId : saleIds) {
            // One sale that cannot be checked (its row gone, a database hiccup) must not hide the others.
            try {
                reconcile(saleId, consumerLag);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("saleId", saleId).setCause(e).log("reconciliation of the sale failed");
            }
        }
    }

    /** One sale's part of a round. */
    void reconcile(long saleId, OptionalLong consumerLag) {
        SaleCounters counters = probes.counters(saleId);
        if (counters.equals(lastQuiescent.get(saleId)) || !probes.looksQuiescent(saleId, counters, consumerLag)) {
            return;
        }
        ReconciliationReport report = reconciliation.report(saleId, consumerLag);
        if (report.quiescent()) {
            // The counters read before the check: had anything moved during it, the next round sees them differ.
            lastQuiescent.put(saleId, counters);
            logDrift(report);
        }
    }

    private static void logDrift(ReconciliationReport report) {
        if (report.drift() != 0 || !report.buyers().isEmpty()) {
            log.atWarn().addKeyValue("saleId", report.saleId()).addKeyValue("drift", report.drift())
                    .addKeyValue("redisStock", report.redisStock()).addKeyValue("expectedRedisStock", report.expectedRedisStock())
                    .addKeyValue("buyersDrifted", report.buyers().size())
                    .log("quiescent sale drifted from its orders; POST .../reconciliation/repair sets it from MySQL");
        }
    }
}
