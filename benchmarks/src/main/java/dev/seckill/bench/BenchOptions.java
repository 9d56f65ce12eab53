package dev.seckill.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bin/seckill bench}'s options, each {@code --name value}; the defaults are the figures of the speed goals.
 *
 * @param stock items of the default spike, which has twice as many shoppers
 * @param ramp seconds within which the spike's shoppers arrive
 * @param baselineSeconds measured seconds of the EVALSHA and row-lock baselines
 * @param concurrency requests in flight in those two baselines
 * @param p99Millis the spike's purchase p99 bound of the service-level verdict
 * @param warmupUsers shoppers of the spike's warm-up
 * @param preload orders a sale already holds in the second capacity phase (0: no such phase)
 * @param wrkSeconds measured seconds of each wrk phase
 * @param wrkConnections wrk's connections (closed loop: requests in flight)
 * @param wrkThreads wrk's threads
 * @param wrkWarmup seconds of each unmeasured wrk warm-up
 * @param consumerOrders events of the consumer phase
 * @param jitWarmup seconds of purchases and sold-out answers through the gateway before anything is measured
 */
record BenchOptions(int stock, String ramp, int baselineSeconds, int concurrency, int p99Millis, int warmupUsers,
        int preload, int wrkSeconds, int wrkConnections, int wrkThreads, int wrkWarmup, int consumerOrders, int jitWarmup) {

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("stock", "20000");
        defaults.put("ramp", "10");
        defaults.put("baseline-seconds", "15");
        defaults.put("concurrency", "64");
        defaults.put("p99", "2000");
        defaults.put("warmup-users", "4000");
        defaults.put("preload", "1000000");
        defaults.put("wrk-seconds", "15");
        defaults.put("wrk-connections", "64");
        defaults.put("wrk-threads", "2");
        defaults.put("wrk-warmup", "5");
        defaults.put("consumer-orders", "100000");
        defaults.put("jit-warmup", "120");
        return defaults;
    }

    /** @throws IllegalArgumentException naming the option that is unknown, lacks a value or is no number */
    static BenchOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!values.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; options: " + usage());
            }
            values.put(name, args[i + 1]);
        }
        try {
            Double.parseDouble(values.get("ramp"));
            BenchOptions options = new BenchOptions(number(values, "stock"), values.get("ramp"), number(values, "baseline-seconds"),
                    number(values, "concurrency"), number(values, "p99"), number(values, "warmup-users"), number(values, "preload"),
                    number(values, "wrk-seconds"), number(values, "wrk-connections"), number(values, "wrk-threads"),
                    number(values, "wrk-warmup"), number(values, "consumer-orders"), number(values, "jit-warmup"));
            if (options.wrkConnections < options.wrkThreads || options.wrkThreads < 1 || options.wrkSeconds < 1) {
                throw new IllegalArgumentException("wrk needs at least one thread, one second, and a connection per thread");
            }
            return options;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage());
        }
    }

    static String usage() {
        return DEFAULTS.entrySet().stream().map(option -> "--" + option.getKey() + " " + option.getValue())
                .collect(Collectors.joining(" "));
    }

    private static int number(Map<String, String> values, String name) {
        return Integer.parseInt(values.get(name).replace("_", ""));
    }
}
