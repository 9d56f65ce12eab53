package dev.seckill.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seckill.bench.cpu.CpuMeter;
import dev.seckill.bench.cpu.MeteredProcess;
import dev.seckill.bench.wrk.Wrk;
import dev.seckill.infra.cli.TokenFiles;
import dev.seckill.infra.platform.LocalSecrets;
import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.server.LocalMariaDb;
import dev.seckill.infra.server.LocalServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/seckill bench}: in one run on one machine, every figure of the platform's speed goals, each printed
 * with its goal, and the proof that nothing was oversold or lost at that speed. See benchmarks/README.md for
 * what each phase measures and how; the order of the phases below is the order they run in.
 */
public final class FlashSaleBench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Accepted purchases a second assumed before the first measurement; it only sizes the warm-up's shoppers. */
    private static final double FIRST_GUESS_PER_SECOND = 1_000;
    private static final double LATENCY_LOAD = 0.8;

    private final Path root;
    private final Path runDir;
    private final BenchOptions options;
    private final BenchPlatform platform;
    private final Progress progress = new Progress();
    private NaiveBaseline naive;

    private FlashSaleBench(Path root, BenchOptions options) {
        this.root = root;
        this.options = options;
        this.runDir = root.resolve(".run/bench").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        this.platform = new BenchPlatform(root);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("seckill.project-root", ".")).toAbsolutePath().normalize();
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
            Wrk.requireInstalled();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("seckill bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        FlashSaleBench bench = new FlashSaleBench(root, options);
        Thread stopper = new Thread(bench::stop, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        int status;
        try {
            status = bench.run() ? 0 : 1;
        } finally {
            bench.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // already shutting down (Ctrl-C): the hook stops the platform, stopping twice is harmless
            }
        }
        System.exit(status);
    }

    /** @return whether both verdicts of the default spike passed */
    private boolean run() throws Exception {
        Files.createDirectories(runDir);
        progress.step("Starting a platform of its own (free ports, empty, %s)...", root.relativize(platform.dir()));
        platform.start();
        Platform services = platform.platform();
        LocalServers servers = platform.servers();
        progress.step("Platform ready; gateway %s", services.gatewayUrl());

        LocalSecrets secrets = services.secrets();
        Path tokenDir = platform.dir().resolve("tokens");
        int gatlingShoppers = SpikePhase.shoppers(options);
        Map<String, String> gatling = new LinkedHashMap<>();
        gatling.put("load.baseUrl", services.gatewayUrl().toString());
        gatling.put("load.tokens", TokenFiles.shoppers(secrets, tokenDir, gatlingShoppers).toString());
        Path adminToken = TokenFiles.admin(secrets, tokenDir);
        gatling.put("load.adminTokenFile", adminToken.toString());
        GatewayApi api = new GatewayApi(services.gatewayUrl(), Files.readString(adminToken).trim());
        TokenPool tokens = new TokenPool(secrets, tokenDir, runDir.resolve("tokens"), gatlingShoppers, options.wrkThreads());
        Wrk wrk = new Wrk(runDir, options.wrkThreads(), options.wrkConnections());
        LoadRunner runner = new LoadRunner(wrk, tokens, Duration.ofSeconds(options.wrkSeconds()));
        Duration warmUp = Duration.ofSeconds(options.wrkWarmup());
        CpuMeter meter = new CpuMeter(platform.processes());

        LocalMariaDb mariaDb = servers.mariaDb();
        try (OrdersDb database = new OrdersDb(mariaDb); BenchRedis redis = new BenchRedis(servers.redis().host(), servers.redis().port())) {
            PurchasePhases purchases = new PurchasePhases(api, services, runner, meter, database, redis);
            if (options.jitWarmup() > 0) {
                progress.step("JIT warm-up: %d s of purchases and sold-out answers through the gateway, unmeasured...",
                        options.jitWarmup());
                purchases.jitWarmUp(Duration.ofSeconds(options.jitWarmup()));
            }
            SpikePhase spikes = new SpikePhase(root, runDir, gatling, database, redis);
            progress.step("Gatling warm-up: %,d shoppers for %,d items...", options.warmupUsers(), options.warmupUsers() / 2);
            spikes.warmUp(options.warmupUsers());
            progress.step("Default spike: %,d items, %,d shoppers arriving within %s s, each buying once and polling until CREATED...",
                    options.stock(), 2 * options.stock(), options.ramp());
            SpikePhase.Result spike = spikes.run(options.stock(), options.ramp(), options.p99Millis(), options.warmupUsers(), meter);
            progress.step("  correctness %s, service level %s", spike.verdicts().correct() ? "PASS" : "FAIL",
                    spike.verdicts().serviceLevelMet() ? "PASS" : "FAIL");

            progress.step("wrk warm-up through the gateway, %d s...", warmUp.toSeconds());
            double warmRate = purchases.warmUp(warmUp, FIRST_GUESS_PER_SECOND);
            progress.step("Capacity, fresh sale of %,d: wrk %d threads, %d connections, %d s, then until every order is a row...",
                    PurchasePhases.CAPACITY_STOCK, wrk.threads(), wrk.connections(), runner.duration().toSeconds());
            Measurement fresh = purchases.capacity("capacity-fresh", purchases.openCapacitySale("Bench fresh", 0), warmRate);
            double capacity = fresh.load().perSecond(202);
            progress.step("  %,.0f accepted a second, %.3f ms CPU each", capacity, fresh.totalMillisPerAnswer());

            progress.step("Bare hop: seckill-service's no-op endpoint, directly...");
            Measurement bareHop = purchases.bareHop(warmUp);
            progress.step("Sold out: a sold-out sale flooded through the gateway...");
            Measurement soldOut = purchases.soldOut(warmUp);
            double target = LATENCY_LOAD * capacity;
            progress.step("Latency: purchases paced to %,.0f a second (80 %% of capacity)...", target);
            Measurement paced = purchases.paced("latency-80", target);

            // Last of the platform's phases: a timer that reads a sale whole would charge its rounds on the big sale to
            // every phase after it.
            Preload.Filled filled = null;
            Measurement preloaded = null;
            if (options.preload() > 0) {
                long saleId = purchases.openCapacitySale("Bench preloaded", options.preload());
                progress.step("Preloading sale %d with %,d orders (MySQL and Redis)...", saleId, options.preload());
                filled = new Preload(database, redis).fill(saleId, options.preload());
                progress.step("  done in %.1f s; capacity on it...", filled.seconds());
                preloaded = purchases.capacity("capacity-preloaded", saleId, capacity);
                progress.step("  %,.0f accepted a second, %.3f ms CPU each", preloaded.load().perSecond(202), preloaded.totalMillisPerAnswer());
            }

            progress.step("Persistence: %,d events straight to the topic, order-consumer against a plain batch insert...",
                    options.consumerOrders());
            ConsumerPhase.Result consumer = new ConsumerPhase(servers.kafka().bootstrapServers(), services.consumer(), database)
                    .run(options.consumerOrders());

            Duration measured = Duration.ofSeconds(options.baselineSeconds());
            Duration baselineWarmUp = Duration.ofSeconds(Math.max(3, options.baselineSeconds() / 3));
            progress.step("Baseline: raw EVALSHA of purchase.lua, %d in flight, %d s...", options.concurrency(), measured.toSeconds());
            LoadResult raw;
            try (RawPurchaseScript script = new RawPurchaseScript(servers.redis().host(), servers.redis().port(), root)) {
                raw = script.measure("raw EVALSHA purchase.lua", api.openSale("EVALSHA baseline", 10_000_000), options.concurrency(),
                        baselineWarmUp, measured);
            }
            progress.step("Baseline: row-lock UPDATE + INSERT on MariaDB, %d connections, %d s...", options.concurrency(), measured.toSeconds());
            LoadResult rowLock = RowLockBaseline.measure(mariaDb.jdbcUrl(), mariaDb.username(), mariaDb.password(),
                    options.concurrency(), baselineWarmUp, measured);

            progress.step("Baseline: the naive design (DECR, INCR back, fire-and-forget send), its own process...");
            naive = new NaiveBaseline(platform.dir(), servers);
            naive.start();
            NaiveRuns naiveRuns = new NaiveRuns(naive, runner, redis, servers.kafka());
            naiveRuns.warmUp(warmUp);
            List<MeteredProcess> withNaive = new ArrayList<>(platform.processes());
            withNaive.add(naive.metered());
            Measurement naiveCapacity = naiveRuns.capacity(new CpuMeter(withNaive));
            progress.step("  its purchases while Kafka is stopped...");
            NaiveRuns.Loss loss = naiveRuns.whileKafkaIsDown();

            BenchResults results = new BenchResults(options, Runtime.getRuntime().availableProcessors(), spike, fresh, filled, preloaded,
                    bareHop, soldOut, paced, target, consumer, raw, rowLock, naiveCapacity, loss);
            return report(results, spike);
        }
    }

    private boolean report(BenchResults results, SpikePhase.Result spike) throws java.io.IOException {
        Report report = new Report(results);
        System.out.println();
        System.out.print(report.text());
        Path json = runDir.resolve("bench.json");
        JSON.writeValue(json.toFile(), ReportJson.of(results, report.goals(), runDir, progress.minutes()));
        System.out.println();
        System.out.println("Gatling report (default spike): " + spike.spike().run().report());
        System.out.println("wrk logs, JSON:                 " + runDir);
        System.out.printf("Run took %.1f min%n", progress.minutes());
        return spike.verdicts().correct() && spike.verdicts().serviceLevelMet();
    }

    private void stop() {
        if (naive != null) {
            try {
                naive.close();
            } catch (RuntimeException e) {
                System.err.println("stopping the naive baseline failed: " + e.getMessage());
            }
        }
        platform.close();
    }
}
