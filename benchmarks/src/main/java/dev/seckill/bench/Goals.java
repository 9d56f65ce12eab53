package dev.seckill.bench;

import java.util.ArrayList;
import java.util.List;

/** The speed issue's goals, each with its bound, judged on one run's results. */
final class Goals {

    static final double CPU_PER_PURCHASE_MS = 0.8;
    static final double GENERATOR_SHARE = 0.15;
    static final double CAPACITY_PER_SECOND = 2_500;
    static final double OF_BARE_HOP = 0.4;
    static final double CPU_PER_SOLD_OUT_MS = 0.15;
    static final double PRELOADED_DIFFERENCE = 0.15;
    static final double CONSUMER_OF_PLAIN_INSERT = 0.7;
    static final double P99_AT_80_PERCENT_MS = 50;

    private Goals() {
    }

    static List<Goal> of(BenchResults results) {
        List<Goal> goals = new ArrayList<>();
        Measurement fresh = results.fresh();
        goals.add(new Goal("CPU per accepted purchase, all processes", ms(fresh.totalMillisPerAnswer()),
                "<= " + CPU_PER_PURCHASE_MS + " ms", fresh.totalMillisPerAnswer() <= CPU_PER_PURCHASE_MS, caveats(fresh, 202)));
        goals.add(new Goal("load generator's part of all CPU", percent(fresh.generatorShare()),
                "<= " + percent(GENERATOR_SHARE), fresh.generatorShare() <= GENERATOR_SHARE, ""));
        goals.add(new Goal("capacity: accepted purchases through the gateway", perSecond(results.capacity()),
                ">= " + perSecond(CAPACITY_PER_SECOND), results.capacity() >= CAPACITY_PER_SECOND, caveats(fresh, 202)));
        double ofHop = ratio(results.capacity(), results.bareHop().load().perSecond(202));
        goals.add(new Goal("capacity / bare hop (seckill-service no-op, direct)", String.format("%.2f", ofHop),
                ">= " + OF_BARE_HOP, ofHop >= OF_BARE_HOP, caveats(results.bareHop(), 202)));
        Measurement soldOut = results.soldOut();
        goals.add(new Goal("CPU per sold-out answer, all processes", ms(soldOut.totalMillisPerAnswer()),
                "<= " + CPU_PER_SOLD_OUT_MS + " ms", soldOut.totalMillisPerAnswer() <= CPU_PER_SOLD_OUT_MS, caveats(soldOut, 409)));
        if (results.preloaded() == null) {
            goals.add(new Goal("CPU per purchase, preloaded sale vs fresh", "-", "within 15 %", null, "--preload 0"));
        } else {
            double difference = results.preloadedDifference();
            goals.add(new Goal("CPU per purchase, sale of " + String.format("%,d", results.preload().orders()) + " orders vs fresh",
                    String.format("%+.1f %%", 100 * difference), "within " + percent(PRELOADED_DIFFERENCE),
                    Math.abs(difference) <= PRELOADED_DIFFERENCE, caveats(results.preloaded(), 202)));
        }
        double consumer = results.consumer().ratio();
        goals.add(new Goal("order-consumer / plain JDBC batch insert", percent(consumer), ">= " + percent(CONSUMER_OF_PLAIN_INSERT),
                consumer >= CONSUMER_OF_PLAIN_INSERT, ""));
        double p99 = results.paced().load().latencyMicros().p99() / 1000.0;
        goals.add(new Goal("purchase p99 at 80 % of capacity", String.format("%.1f ms", p99), "< " + P99_AT_80_PERCENT_MS + " ms",
                p99 < P99_AT_80_PERCENT_MS, caveats(results.paced(), 202)));
        SpikeVerdicts spike = results.spike().verdicts();
        goals.add(new Goal("default spike: correctness", spike.correct() ? "correct" : "WRONG", "accepted = stock = rows", spike.correct(), ""));
        goals.add(new Goal("default spike: service level", String.format("p99 %,d ms", spike.purchaseP99Ms()),
                "0 failed, p99 <= " + String.format("%,d", spike.p99BoundMs()) + " ms", spike.serviceLevelMet(), ""));
        return goals;
    }

    /** What makes a phase's figure less than clean: answers other than the expected, an unfinished drain, too few shoppers. */
    static String caveats(Measurement phase, int expectedStatus) {
        List<String> caveats = new ArrayList<>();
        long unexpected = phase.load().unexpected(expectedStatus);
        if (unexpected > 0) {
            caveats.add(String.format("%,d answers not %d", unexpected, expectedStatus));
        }
        if (!phase.complete()) {
            caveats.add("orders still moving when the bench stopped waiting");
        }
        if (phase.load().ranOutOfTokens()) {
            caveats.add("shoppers ran out");
        }
        return String.join("; ", caveats);
    }

    static String ms(double millis) {
        return String.format("%.3f ms", millis);
    }

    static String percent(double fraction) {
        return String.format("%.0f %%", 100 * fraction);
    }

    static String perSecond(double rate) {
        return String.format("%,.0f /s", rate);
    }

    static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
