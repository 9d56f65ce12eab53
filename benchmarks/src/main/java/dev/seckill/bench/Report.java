package dev.seckill.bench;

import dev.seckill.bench.wrk.WrkResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bench's printout: the CPU table, each phase's figures, the baselines, the goals with their verdicts. */
final class Report {

    private static final List<String> PLATFORM = List.of("api-gateway", "seckill-service", "order-consumer", "redis", "kafka", "mariadb");

    private final BenchResults results;
    private final List<Goal> goals;

    Report(BenchResults results) {
        this.results = results;
        this.goals = Goals.of(results);
    }

    List<Goal> goals() {
        return goals;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        BenchOptions options = results.options();
        out.append(String.format("Everything on this machine (%d cores): Redis, MariaDB, Kafka, the services and the load generator.%n",
                results.cores()));
        out.append(String.format("wrk: %d threads, %d connections, %d s a phase; every request a new shopper (through the gateway "
                + "with a token never sent before).%n%n", options.wrkThreads(), options.wrkConnections(), options.wrkSeconds()));
        cpuTable(out);
        out.append(String.format("%nCapacity (closed loop)%n"));
        phaseLine(out, "accepted purchases through the gateway, fresh sale", results.fresh(), 202);
        if (results.preloaded() != null) {
            phaseLine(out, String.format("the same, sale already holding %,d orders", results.preload().orders()), results.preloaded(), 202);
        }
        phaseLine(out, "seckill-service no-op, called directly (bare hop)", results.bareHop(), 202);
        phaseLine(out, "sold-out answers through the gateway", results.soldOut(), 409);
        WrkResult paced = results.paced().load();
        out.append(String.format("  %-52s %,9.0f /s of %,.0f paced   p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  p99.9 %.1f ms%s%n",
                "accepted purchases at 80 % of capacity", paced.perSecond(202), results.pacedTarget(),
                paced.latencyMicros().p50() / 1000.0, paced.latencyMicros().p90() / 1000.0, paced.latencyMicros().p99() / 1000.0,
                paced.latencyMicros().p999() / 1000.0, others(paced, 202)));
        if (results.preload() != null) {
            Preload.Filled filled = results.preload();
            out.append(String.format("  preload: %,d orders in %.1f s (MySQL %.1f s and Redis %.1f s, side by side)%n",
                    filled.orders(), filled.seconds(), filled.mysqlSeconds(), filled.redisSeconds()));
        }
        ConsumerPhase.Result consumer = results.consumer();
        out.append(String.format("%nPersistence (%,d orders into the same MariaDB)%n", consumer.orders()));
        out.append(String.format("  %-52s %,9.0f /s%n", "order-consumer (Kafka -> batch insert -> Redis CREATED)", consumer.consumerPerSecond()));
        out.append(String.format("  %-52s %,9.0f /s%n", "plain JDBC batch insert, 1 thread, batches of " + OrderRows.BATCH,
                consumer.plainInsertPerSecond()));
        spike(out);
        baselines(out);
        out.append(String.format("%nGoals (each measured in this run)%n"));
        for (Goal goal : goals) {
            out.append(String.format("  %-58s %14s   goal %-26s %s%s%n", goal.name(), goal.measured(), goal.bound(), goal.verdict(),
                    goal.note().isEmpty() ? "" : "  (" + goal.note() + ")"));
        }
        return out.toString();
    }

    /** CPU milliseconds per answer, per process and phase. */
    private void cpuTable(StringBuilder out) {
        List<Measurement> phases = new ArrayList<>(List.of(results.fresh()));
        List<String> titles = new ArrayList<>(List.of("fresh sale"));
        if (results.preloaded() != null) {
            phases.add(results.preloaded());
            titles.add(String.format("%,d held", results.preload().orders()));
        }
        phases.add(results.soldOut());
        titles.add("sold out");
        phases.add(results.naive());
        titles.add("naive design");
        out.append("CPU per answer, ms (utime+stime of /proc/<pid>/stat, from the load's start until every accepted order is\n"
                + "persisted: a row in MySQL, for the naive design a record in Kafka)\n");
        out.append(String.format("  %-28s", ""));
        titles.forEach(title -> out.append(String.format("%18s", title)));
        out.append('\n');
        List<String> rows = new ArrayList<>(PLATFORM);
        rows.add(NaiveBaseline.NAME);
        for (String process : rows) {
            out.append(String.format("  %-28s", process));
            phases.forEach(phase -> out.append(String.format("%18.3f", phase.millisPerAnswer(process))));
            out.append('\n');
        }
        out.append(String.format("  %-28s", "all processes"));
        for (Measurement phase : phases) {
            out.append(String.format("%18.3f", phase == results.naive() ? results.naiveMillisPerPurchase() : platformMillis(phase)));
        }
        out.append(String.format("%n  %-28s", "load generator (wrk)"));
        phases.forEach(phase -> out.append(String.format("%11.3f (%2.0f%%)", phase.generatorMillisPerAnswer(), 100 * phase.generatorShare())));
        out.append(String.format("%n  %-28s", "answers"));
        phases.forEach(phase -> out.append(String.format("%,18d", phase.answers())));
        out.append(String.format("%n  %-28s", "window s (of it, drain)"));
        phases.forEach(phase -> out.append(String.format("%11.1f (%4.1f)", phase.cpu().seconds(), phase.drainSeconds())));
        out.append(String.format("%n  (answers: of a purchase phase, the units its sale lost in Redis: the 202s and those still on their way when wrk%n"
                + "  stopped. The naive design's total is its process, Redis and Kafka; the other columns add up the six.)%n"));
    }

    private static double platformMillis(Measurement phase) {
        return PLATFORM.stream().mapToDouble(phase::millisPerAnswer).sum();
    }

    private static void phaseLine(StringBuilder out, String name, Measurement phase, int status) {
        WrkResult load = phase.load();
        out.append(String.format("  %-52s %,9.0f /s   p50 %.1f ms  p99 %.1f ms   %,d in %.1f s%s%n", name, load.perSecond(status),
                load.latencyMicros().p50() / 1000.0, load.latencyMicros().p99() / 1000.0, load.count(status), load.seconds(),
                others(load, status)));
    }

    /** Every answer that is not the phase's status, and every request without an answer: to be seen, not hidden. */
    private static String others(WrkResult load, int status) {
        Map<String, Long> others = new LinkedHashMap<>();
        load.statuses().forEach((code, count) -> {
            if (code != status) {
                others.put(Integer.toString(code), count);
            }
        });
        load.errors().forEach((kind, count) -> {
            if (count > 0 && !kind.equals("status")) {
                others.put(kind + " errors", count);
            }
        });
        return others.isEmpty() ? "" : "   other: " + others;
    }

    private void spike(StringBuilder out) {
        Spike spike = results.spike().spike();
        SpikeVerdicts verdicts = results.spike().verdicts();
        out.append(String.format("%nDefault spike: %,d items, %,d distinct shoppers arriving within %s s, through the gateway (Gatling, "
                + "at most %,d requests in flight)%n", verdicts.stock(), 2 * verdicts.stock(), results.options().ramp(), spike.maxConnections()));
        out.append(String.format("  accepted %,.0f /s (p50 %,d ms, p95 %,d ms, p99 %,d ms), all purchase answers %,.0f /s, "
                        + "persisted %,.0f /s, drain after the last accept %.2f s%n",
                spike.acceptedPerSecond(), spike.percentile("purchase", 1), spike.percentile("purchase", 3),
                spike.percentile("purchase", 4), spike.answersPerSecond(), verdicts.persistedPerSecond(), verdicts.drainSeconds()));
        out.append(String.format("  Correctness: accepted %,d of stock %,d %s | rows in MySQL %,d %s | distinct shoppers %,d %s"
                        + " | Redis stock %d %s: %s%n",
                verdicts.accepted(), verdicts.stock(), mark(verdicts.accepted() == verdicts.stock()),
                verdicts.rows(), mark(verdicts.rows() == verdicts.stock()),
                verdicts.distinctUsers(), mark(verdicts.distinctUsers() == verdicts.rows()),
                verdicts.redisStock(), mark(verdicts.redisStock() == 0), verdicts.correct() ? "PASS" : "FAIL"));
        out.append(String.format("  Service level: %,d of %,d requests failed (no answer within Gatling's 60 s, 5xx, 429) %s"
                        + " | %,d waited for a connection %s | purchase p99 %,d ms against the bound of %,d ms %s: %s%n",
                verdicts.failedRequests(), spike.requests(), mark(verdicts.failedRequests() == 0),
                verdicts.connectionWaits(), mark(verdicts.connectionWaits() == 0),
                verdicts.purchaseP99Ms(), verdicts.p99BoundMs(), verdicts.p99WithinBound() ? "ok" : "OVER",
                verdicts.serviceLevelMet() ? "PASS" : "FAIL"));
        SpikePhase.SpikeCpu cpu = results.spike().cpu();
        StringBuilder processes = new StringBuilder();
        cpu.platform().millisByProcess().forEach((process, millis) -> processes.append(String.format(", %s %.1f", process, millis / 1000)));
        out.append(String.format("  CPU in its %.1f s: platform %.1f s (%s), Gatling %.1f s; %d cores had %.1f s%n",
                cpu.platform().seconds(), cpu.platform().totalMillis() / 1000, processes.substring(2), cpu.gatlingMillis() / 1000,
                results.cores(), cpu.availableMillis(results.cores()) / 1000));
    }

    private void baselines(StringBuilder out) {
        BenchOptions options = results.options();
        out.append(String.format("%nBaselines on the same servers%n"));
        out.append(String.format("  %-52s %,9.0f /s   CPU %.3f ms a purchase (its process, Redis, Kafka)%s%n",
                "naive design: DECR, INCR back, fire-and-forget send", results.naive().load().perSecond(202),
                results.naiveMillisPerPurchase(), others(results.naive().load(), 202)));
        NaiveRuns.Loss loss = results.naiveLoss();
        out.append(String.format("  %-52s %,9d accepted, %,d units taken, %,d orders in Kafka afterwards: %,d lost%n",
                String.format("naive design, Kafka stopped for %.0f s", loss.outageSeconds()), loss.accepted(), loss.stockTaken(),
                loss.ordersInKafka(), loss.lost()));
        for (LoadResult baseline : List.of(results.rawEvalsha(), results.rowLock())) {
            out.append(String.format("  %-52s %,9.0f /s   p50 %.1f ms  p99 %.1f ms   (%d in flight, %,d failed)%n", baseline.name(),
                    baseline.perSecond(), baseline.percentileMicros(50) / 1000.0, baseline.percentileMicros(99) / 1000.0,
                    options.concurrency(), baseline.failed()));
        }
        out.append(String.format("  %-52s %9.2f x%n", "capacity, ours / naive design", Goals.ratio(results.capacity(), results.naive().load().perSecond(202))));
        out.append(String.format("  %-52s %9.2f x%n", "CPU per purchase, ours / naive design",
                Goals.ratio(results.fresh().totalMillisPerAnswer(), results.naiveMillisPerPurchase())));
        out.append(String.format("  %-52s %9.2f x%n", "capacity, ours / row-lock design", Goals.ratio(results.capacity(), results.rowLock().perSecond())));
        out.append(String.format("  %-52s %9.2f x%n", "capacity, ours / raw EVALSHA", Goals.ratio(results.capacity(), results.rawEvalsha().perSecond())));
    }

    private static String mark(boolean ok) {
        return ok ? "ok" : "WRONG";
    }
}
