package dev.seckill.bench;

import dev.seckill.bench.FlashSaleBench.Correctness;
import dev.seckill.bench.FlashSaleBench.Options;
import dev.seckill.bench.FlashSaleBench.Spike;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bench's one table, as text for the console and as JSON for the run directory. */
final class Table {

    private final Options options;
    private final int shoppers;
    private final Spike ours;
    private final Spike noop;
    private final LoadResult raw;
    private final LoadResult rowLock;
    private final Correctness correctness;

    Table(Options options, int shoppers, Spike ours, Spike noop, LoadResult raw, LoadResult rowLock, Correctness correctness) {
        this.options = options;
        this.shoppers = shoppers;
        this.ours = ours;
        this.noop = noop;
        this.raw = raw;
        this.rowLock = rowLock;
        this.correctness = correctness;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Flash sale: %,d items, %,d distinct shoppers arriving within %s s, through the gateway;%n",
                options.stock(), shoppers, options.ramp()));
        out.append(String.format("everything on this machine (%d cores): servers, services and Gatling.%n%n",
                Runtime.getRuntime().availableProcessors()));
        String header = "  %-52s %12s %8s %8s %8s%n";
        String row = "  %-52s %,12.0f %8s %8s %8s%n";
        out.append(String.format(header, "", "per second", "p50 ms", "p95 ms", "p99 ms"));
        out.append(String.format(row, "ours: accepted purchases (gateway -> seckill-service)", ours.acceptedPerSecond(),
                ms(ours.percentile("purchase", 1)), ms(ours.percentile("purchase", 3)), ms(ours.percentile("purchase", 4))));
        out.append(String.format(row, "ours: all purchase answers (202 + 409 sold out)", ours.answersPerSecond(), "", "", ""));
        out.append(String.format(row, "ours: orders persisted (first accept -> last row)", correctness.persistedPerSecond(), "", "", ""));
        out.append(String.format("  %-52s %10.2f s%n", "ours: drain (last accept -> last row in MySQL)", correctness.drainSeconds()));
        out.append(String.format(row, "no-op through the same gateway hop (202s)", noop.acceptedPerSecond(),
                ms(noop.percentile("no-op", 1)), ms(noop.percentile("no-op", 3)), ms(noop.percentile("no-op", 4))));
        out.append(String.format(row, "raw EVALSHA purchase.lua, " + options.concurrency() + " in flight", raw.perSecond(),
                micros(raw.percentileMicros(50)), micros(raw.percentileMicros(95)), micros(raw.percentileMicros(99))));
        out.append(String.format(row, "row lock UPDATE+INSERT, " + options.concurrency() + " connections", rowLock.perSecond(),
                micros(rowLock.percentileMicros(50)), micros(rowLock.percentileMicros(95)), micros(rowLock.percentileMicros(99))));
        out.append(String.format("  %-52s %11.0f %%%n", "ours / no-op path", 100 * ratio(ours.acceptedPerSecond(), noop.acceptedPerSecond())));
        out.append(String.format("  %-52s %11.0f %%%n", "ours / raw EVALSHA", 100 * ratio(ours.acceptedPerSecond(), raw.perSecond())));
        out.append(String.format("  %-52s %11.2f x%n", "ours / row-lock design", ratio(ours.acceptedPerSecond(), rowLock.perSecond())));
        out.append(String.format("%nCorrectness: accepted %,d of stock %,d %s | rows in MySQL %,d %s | distinct shoppers %,d %s"
                        + " | Redis stock %d %s: %s%n",
                correctness.accepted(), correctness.stock(), mark(correctness.accepted() == correctness.stock()),
                correctness.rows(), mark(correctness.rows() == correctness.stock()),
                correctness.distinctUsers(), mark(correctness.distinctUsers() == correctness.rows()),
                correctness.redisStock(), mark(correctness.redisStock() == 0),
                correctness.pass() ? "PASS" : "FAIL"));
        out.append(String.format("Service level: %,d of %,d requests failed (no answer within Gatling's 60 s, 5xx, 429) %s"
                        + " | purchase p99 %s ms against the bound of %,d ms %s: %s%n",
                correctness.failedRequests(), ours.requests(), mark(correctness.failedRequests() == 0),
                ms(ours.percentile("purchase", 4)), options.p99Millis(), p99WithinBound() ? "ok" : "OVER",
                serviceLevelMet() ? "PASS" : "FAIL"));
        return out.toString();
    }

    Map<String, Object> json(Path runDir) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("stock", options.stock());
        json.put("shoppers", shoppers);
        json.put("rampSeconds", Double.parseDouble(options.ramp()));
        json.put("ours", Map.of(
                "acceptedPerSecond", round(ours.acceptedPerSecond()),
                "answersPerSecond", round(ours.answersPerSecond()),
                "p50Ms", ours.percentile("purchase", 1), "p95Ms", ours.percentile("purchase", 3), "p99Ms", ours.percentile("purchase", 4),
                "ordersPersistedPerSecond", round(correctness.persistedPerSecond()),
                "drainSeconds", correctness.drainSeconds(),
                "report", ours.run().report().toString()));
        json.put("noop", Map.of("perSecond", round(noop.acceptedPerSecond()),
                "p50Ms", noop.percentile("no-op", 1), "p95Ms", noop.percentile("no-op", 3), "p99Ms", noop.percentile("no-op", 4),
                "report", noop.run().report().toString()));
        json.put("rawEvalsha", baseline(raw));
        json.put("rowLock", baseline(rowLock));
        json.put("oursOverNoop", ratio(ours.acceptedPerSecond(), noop.acceptedPerSecond()));
        json.put("oursOverRawEvalsha", ratio(ours.acceptedPerSecond(), raw.perSecond()));
        json.put("oursOverRowLock", ratio(ours.acceptedPerSecond(), rowLock.perSecond()));
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("accepted", correctness.accepted());
        checks.put("rowsInMysql", correctness.rows());
        checks.put("distinctShoppers", correctness.distinctUsers());
        checks.put("redisStock", correctness.redisStock());
        checks.put("failedRequests", correctness.failedRequests());
        checks.put("p99BoundMs", options.p99Millis());
        checks.put("p99WithinBound", p99WithinBound());
        checks.put("pass", correctness.pass());
        checks.put("serviceLevelPass", serviceLevelMet());
        json.put("correctness", checks);
        json.put("runDir", runDir.toString());
        return json;
    }

    /** Every shopper answered in time, and the purchase's p99 within {@code --p99}. */
    boolean serviceLevelMet() {
        return correctness.failedRequests() == 0 && p99WithinBound();
    }

    private boolean p99WithinBound() {
        return ours.percentile("purchase", 4) < options.p99Millis();
    }

    private Map<String, Object> baseline(LoadResult result) {
        return Map.of("perSecond", round(result.perSecond()), "concurrency", options.concurrency(),
                "p50Ms", result.percentileMicros(50) / 1000.0, "p95Ms", result.percentileMicros(95) / 1000.0,
                "p99Ms", result.percentileMicros(99) / 1000.0, "seconds", result.seconds(), "failed", result.failed());
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String ms(long millis) {
        return millis < 0 ? "-" : String.format("%,d", millis);
    }

    private static String micros(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }

    private static String mark(boolean ok) {
        return ok ? "ok" : "WRONG";
    }
}
