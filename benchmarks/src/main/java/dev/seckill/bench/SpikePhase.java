package dev.seckill.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.bench.cpu.CpuMeter;
import dev.seckill.bench.cpu.CpuSample;
import dev.seckill.bench.cpu.CpuUse;
import dev.seckill.bench.cpu.ProcStat;
import dev.seckill.infra.cli.Gatling;
import dev.seckill.infra.server.Pause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default spike, with Gatling: a sale of {@code --stock} items and twice as many distinct shoppers arriving
 * within {@code --ramp} seconds (open model), each buying once and polling the order until CREATED, after a
 * smaller warm-up spike; then its two verdicts.
 */
final class SpikePhase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN_PATIENCE = Duration.ofMinutes(3);
    private static final long MAX_MINUTES = 45;

    private final Path root;
    private final Path runDir;
    private final Map<String, String> gatlingProperties;
    private final OrdersDb database;
    private final BenchRedis redis;

    /** @param gatlingProperties the gateway's address and the files of shoppers' and the admin's tokens */
    SpikePhase(Path root, Path runDir, Map<String, String> gatlingProperties, OrdersDb database, BenchRedis redis) {
        this.root = root;
        this.runDir = runDir;
        this.gatlingProperties = gatlingProperties;
        this.database = database;
        this.redis = redis;
    }

    /** Shoppers of the warm-up and then of the spike: the first lines of the token file, none used twice. */
    static int shoppers(BenchOptions options) {
        return options.warmupUsers() + 2 * options.stock();
    }

    void warmUp(int users) {
        gatling("warmup", Map.of("load.users", Integer.toString(users), "load.stock", Integer.toString(users / 2),
                "load.ramp", "5", "load.p99", "600000"));
    }

    /**
     * @param firstShopper the shoppers before it were the warm-up's: the gateway would remember their tokens
     * @param meter the platform's processes, whose CPU across the spike is set beside Gatling's own
     */
    Result run(int stock, String ramp, int p99BoundMs, int firstShopper, CpuMeter meter) {
        CpuSample before = meter.sample();
        long gatlingBefore = ProcStat.reapedChildrenTicks();
        Spike spike = gatling("spike", Map.of("load.users", Integer.toString(2 * stock), "load.stock", Integer.toString(stock),
                "load.ramp", ramp, "load.p99", Integer.toString(p99BoundMs), "load.firstShopper", Integer.toString(firstShopper)));
        SpikeCpu cpu = new SpikeCpu(meter.sample().since(before), ProcStat.millis(ProcStat.reapedChildrenTicks() - gatlingBefore));
        return new Result(spike, verdicts(spike, stock, p99BoundMs), cpu);
    }

    record Result(Spike spike, SpikeVerdicts verdicts, SpikeCpu cpu) {
    }

    /**
     * What the spike cost the machine, from Gatling's start to its end: each process of the platform, and Gatling (a
     * child of the bench, its time read when reaped). Against {@code cores} times the seconds it lasted, it shows
     * whether the spike asked for more CPU than the machine had.
     */
    record SpikeCpu(CpuUse platform, double gatlingMillis) {

        double availableMillis(int cores) {
            return cores * platform.seconds() * 1000;
        }
    }

    /** One Gatling run, its console in {@code gatling-<name>.log}, its tally in {@code <name>.json}. */
    private Spike gatling(String name, Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(gatlingProperties);
        all.putAll(properties);
        Path summary = runDir.resolve(name + ".json");
        Path log = runDir.resolve("gatling-" + name + ".log");
        all.put("load.summary", summary.toString());
        Gatling.Run run = Gatling.run(root, "FlashSaleSpike", all, runDir.resolve("gatling"), log, MAX_MINUTES);
        if (!Files.isRegularFile(summary)) {
            throw new IllegalStateException("FlashSaleSpike ended without a summary; see " + log);
        }
        try {
            return new Spike(run, JSON.readTree(summary.toFile()), JSON.readTree(run.stats().toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shoppers polled until CREATED; this waits, bounded, only for stragglers. */
    private SpikeVerdicts verdicts(Spike spike, int stock, int p99BoundMs) {
        long deadline = System.nanoTime() + DRAIN_PATIENCE.toNanos();
        try {
            OrdersDb.SaleRows rows = database.saleRows(spike.saleId());
            while (rows.rows() < spike.accepted() && System.nanoTime() < deadline) {
                Pause.of(Duration.ofMillis(250));
                rows = database.saleRows(spike.saleId());
            }
            return new SpikeVerdicts(stock, spike.accepted(), rows.rows(), rows.distinctUsers(), redis.stock(spike.saleId()),
                    rows.firstPlacedAtMs(), rows.lastPlacedAtMs(), rows.lastCreatedAtMs(), spike.failedRequests(),
                    spike.connectionWaits(), spike.percentile("purchase", 4), p99BoundMs);
        } catch (SQLException e) {
            throw new IllegalStateException("checking the spike's orders failed: " + e.getMessage(), e);
        }
    }
}
