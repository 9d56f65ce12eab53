package dev.seckill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seckill.contract.SaleKeys;
import dev.seckill.infra.cli.Gatling;
import dev.seckill.infra.cli.TokenFiles;
import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.server.LocalMariaDb;
import dev.seckill.infra.server.LocalServers;
import dev.seckill.infra.server.Pause;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code bin/seckill bench}: on one machine, in one run, how fast the platform sells a flash sale
 * through its public door, how close that is to the limits beneath it, and proof that nothing was
 * oversold or lost at that speed.
 *
 * <ol>
 *   <li>Starts a platform of its own: Redis, MariaDB, Kafka and the three services on free ports under
 *       {@code .run/bench/platform}, the gateway's per-client and global limits raised (one machine is one
 *       client address) and the no-op endpoint on. The platform of {@code bin/seckill up} is not touched.</li>
 *   <li>A warm-up spike, then the measured one: a sale of {@code --stock} items (20,000) and twice as many
 *       distinct shoppers arriving within {@code --ramp} seconds (Gatling, open model), each buying once and
 *       polling their order until CREATED.</li>
 *   <li>Correctness: accepted = stock, rows in MySQL = stock, one row per shopper, Redis stock 0, and the
 *       drain time from the last accepted purchase to the last row written.</li>
 *   <li>Baselines on the same servers: the same spike against a no-op endpoint through the same gateway hop
 *       to the same service; the purchase script alone with EVALSHA; a row-lock design on the same database,
 *       both with {@code --concurrency} (64) requests in flight for {@code --baseline-seconds} (15).</li>
 *   <li>Prints one table and writes it as {@code bench.json} in {@code .run/bench/<run>/}, with the Gatling
 *       reports beside it.</li>
 * </ol>
 */
public final class FlashSaleBench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration DRAIN_PATIENCE = Duration.ofMinutes(3);

    private final Path root;
    private final Path runDir;
    private final Options options;
    private final LocalServers servers;
    private final Platform platform;
    private final Map<String, String> gatlingProperties = new LinkedHashMap<>();

    private FlashSaleBench(Path root, Options options) {
        this.root = root;
        this.options = options;
        this.runDir = root.resolve(".run/bench").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path platformDir = root.resolve(".run/bench/platform");
        this.servers = LocalServers.onFreePorts(platformDir);
        this.platform = Platform.onFreePorts(servers, root, platformDir);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("seckill.project-root", ".")).toAbsolutePath().normalize();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
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

    private boolean run() throws Exception {
        Files.createDirectories(runDir);
        long started = System.nanoTime();
        System.out.printf("Starting a platform of its own (free ports, %s)...%n", root.relativize(servers.runDir()));
        startPlatform();
        System.out.printf("Platform ready in %.0f s; gateway %s%n", (System.nanoTime() - started) / 1e9, platform.gatewayUrl());

        int shoppers = 2 * options.stock;
        Path tokens = platform.secrets().publicKeyFile().getParent().resolveSibling("tokens");
        gatlingProperties.put("load.baseUrl", platform.gatewayUrl().toString());
        gatlingProperties.put("load.tokens", TokenFiles.shoppers(platform.secrets(), tokens, Math.max(shoppers, options.warmupUsers)).toString());
        gatlingProperties.put("load.adminTokenFile", TokenFiles.admin(platform.secrets(), tokens).toString());

        System.out.printf("Warm-up: %,d shoppers for %,d items...%n", options.warmupUsers, options.warmupUsers / 2);
        gatling("warmup", "FlashSaleSpike", Map.of("load.users", Integer.toString(options.warmupUsers),
                "load.stock", Integer.toString(options.warmupUsers / 2), "load.ramp", "5", "load.p99", "600000"));

        System.out.printf("Flash sale: %,d items, %,d distinct shoppers arriving within %s s, through the gateway...%n",
                options.stock, shoppers, options.ramp);
        Spike ours = gatling("spike", "FlashSaleSpike", Map.of("load.users", Integer.toString(shoppers),
                "load.stock", Integer.toString(options.stock), "load.ramp", options.ramp,
                "load.p99", Integer.toString(options.p99Millis)));
        long saleId = ours.summary.path("saleIds").path(0).asLong();
        Correctness correctness = checkCorrectness(saleId, ours);

        System.out.printf("Baseline: the same spike against the no-op endpoint...%n");
        Spike noop = gatling("noop", "NoopSpike", Map.of("load.users", Integer.toString(shoppers),
                "load.ramp", options.ramp, "load.p99", "600000"));

        Duration measured = Duration.ofSeconds(options.baselineSeconds);
        Duration warmup = Duration.ofSeconds(Math.max(3, options.baselineSeconds / 3));
        System.out.printf("Baseline: raw EVALSHA of purchase.lua, %d in flight, %d s...%n", options.concurrency, measured.toSeconds());
        LoadResult raw;
        try (RawPurchaseScript script = new RawPurchaseScript(servers.redis().host(), servers.redis().port(), root)) {
            raw = script.measure("raw EVALSHA purchase.lua", createBigSale(), options.concurrency, warmup, measured);
        }
        System.out.printf("Baseline: row-lock UPDATE + INSERT on MariaDB, %d connections, %d s...%n", options.concurrency, measured.toSeconds());
        LocalMariaDb db = servers.mariaDb();
        LoadResult rowLock = RowLockBaseline.measure(db.jdbcUrl(), db.username(), db.password(), options.concurrency, warmup, measured);

        Table table = new Table(options, shoppers, ours, noop, raw, rowLock, correctness);
        System.out.println();
        System.out.print(table.text());
        Path json = runDir.resolve("bench.json");
        JSON.writeValue(json.toFile(), table.json(runDir));
        System.out.println();
        System.out.println("Gatling report (flash sale): " + ours.run.report());
        System.out.println("Gatling report (no-op):      " + noop.run.report());
        System.out.println("Table as JSON:               " + json);
        return correctness.pass() && table.serviceLevelMet();
    }

    private void startPlatform() {
        servers.startAll();
        CompletableFuture.allOf(platform.services().stream().map(service -> CompletableFuture.runAsync(
                () -> startPatiently(service, platform.environmentFor(service, BenchSettings.ENVIRONMENT))))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** On a busy machine a service may need longer than its start timeout; while it is alive, wait again (bounded). */
    private static void startPatiently(ServiceProcess service, Map<String, String> env) {
        for (int attempt = 1; ; attempt++) {
            try {
                service.start(env);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3 || !service.isRunning()) {
                    throw e;
                }
                System.out.printf("%s is still starting (the machine is busy); waiting longer...%n", service.spec().name());
            }
        }
    }

    private void stop() {
        for (ServiceProcess service : List.of(platform.gateway(), platform.seckill(), platform.consumer())) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                System.err.println("stopping " + service.spec().name() + " failed: " + e.getMessage());
            }
        }
        try {
            servers.stopAll();
        } catch (RuntimeException e) {
            System.err.println("stopping the bench servers failed: " + e.getMessage());
        }
    }

    /** One Gatling run of the bench, its console in {@code gatling-<name>.log}, its tally in {@code <name>.json}. */
    private Spike gatling(String name, String simulation, Map<String, String> properties) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(gatlingProperties);
        all.putAll(properties);
        Path summary = runDir.resolve(name + ".json");
        all.put("load.summary", summary.toString());
        Gatling.Run run = Gatling.run(root, simulation, all, runDir.resolve("gatling"), runDir.resolve("gatling-" + name + ".log"), 45);
        if (!Files.isRegularFile(summary)) {
            throw new IllegalStateException(simulation + " ended without a summary; see " + runDir.resolve("gatling-" + name + ".log"));
        }
        return new Spike(run, JSON.readTree(summary.toFile()), JSON.readTree(run.stats().toFile()));
    }

    /** A sale whose stock never runs out during the EVALSHA baseline, created through the admin API. */
    private long createBigSale() throws IOException, InterruptedException {
        Instant now = Instant.now();
        String body = """
                {"skuId":"BENCH-RAW","title":"EVALSHA baseline","price":1.00,"stock":10000000,
                 "startAt":"%s","endAt":"%s","perUserLimit":1}""".formatted(now.minusSeconds(1), now.plusSeconds(3600));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/admin/sales"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + Files.readString(Path.of(gatlingProperties.get("load.adminTokenFile"))).trim())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the baseline sale failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("saleId").asLong();
    }

    private Correctness checkCorrectness(long saleId, Spike ours) throws SQLException {
        long accepted = ours.summary.path("accepted").asLong();
        LocalMariaDb db = servers.mariaDb();
        long[] rows;
        long deadline = System.nanoTime() + DRAIN_PATIENCE.toNanos();
        long firstPlacedAt;
        long lastPlacedAt;
        long lastRowAt;
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*), COUNT(DISTINCT user_id), MIN(placed_at), MAX(placed_at), MAX(created_at) FROM orders WHERE sale_id = ?")) {
            query.setLong(1, saleId);
            while (true) {
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    rows = new long[] {result.getLong(1), result.getLong(2)};
                    // placed_at is when seckill-service accepted the order, created_at when order-consumer wrote
                    // it: both server clocks, unlike the shoppers' receipt of the 202, which queues behind the
                    // spike's other answers.
                    firstPlacedAt = epochMillis(result.getObject(3, LocalDateTime.class));
                    lastPlacedAt = epochMillis(result.getObject(4, LocalDateTime.class));
                    lastRowAt = epochMillis(result.getObject(5, LocalDateTime.class));
                }
                // The shoppers already polled until CREATED; this waits only for stragglers, bounded.
                if (rows[0] >= accepted || System.nanoTime() > deadline) {
                    break;
                }
                Pause.of(Duration.ofMillis(250));
            }
        }
        long redisStock;
        RedisClient client = RedisClient.create(RedisURI.create(servers.redis().host(), servers.redis().port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String value = connection.sync().get(new SaleKeys(saleId).stock());
            redisStock = value == null ? -1 : Long.parseLong(value);
        } finally {
            client.shutdown();
        }
        return new Correctness(options.stock, accepted, rows[0], rows[1], redisStock, firstPlacedAt, lastPlacedAt, lastRowAt,
                failedRequests(ours.stats));
    }

    private static long epochMillis(LocalDateTime utc) {
        return utc == null ? 0 : utc.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static long failedRequests(JsonNode stats) {
        return stats.path("stats").path("numberOfRequests").path("ko").asLong();
    }

    /** What one Gatling run left: its exit status and report, the shoppers' tally, Gatling's statistics. */
    record Spike(Gatling.Run run, JsonNode summary, JsonNode stats) {

        /** 202 answers per second, from the first to the last. */
        double acceptedPerSecond() {
            long span = summary.path("lastAcceptedAtMs").asLong() - summary.path("firstAcceptedAtMs").asLong();
            return span <= 0 ? 0 : summary.path("accepted").asLong() / (span / 1000.0);
        }

        /** Answers of any kind to the purchase (or no-op) call per second, from the first to the last. */
        double answersPerSecond() {
            long span = summary.path("lastAnswerAtMs").asLong() - summary.path("firstAnswerAtMs").asLong();
            long answers = summary.path("accepted").asLong();
            for (JsonNode count : summary.path("otherAnswers")) {
                answers += count.asLong();
            }
            return span <= 0 ? 0 : answers / (span / 1000.0);
        }

        /** Requests of every kind the shoppers sent: purchases and looks at their orders. */
        long requests() {
            return stats.path("stats").path("numberOfRequests").path("total").asLong();
        }

        /** Percentile {@code index} (1 = p50, 2 = p75, 3 = p95, 4 = p99, Gatling's defaults) of a request, in ms. */
        long percentile(String request, int index) {
            JsonNode node = find(stats, request);
            return node == null ? -1 : node.path("stats").path("percentiles" + index).path("total").asLong();
        }

        private static JsonNode find(JsonNode group, String request) {
            for (JsonNode child : group.path("contents")) {
                if ("REQUEST".equals(child.path("type").asText()) && request.equals(child.path("name").asText())) {
                    return child;
                }
                JsonNode inner = find(child, request);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
    }

    /** Times are the servers' (epoch ms): first and last order accepted by seckill-service, last row written. */
    record Correctness(long stock, long accepted, long rows, long distinctUsers, long redisStock, long firstPlacedAtMs,
            long lastPlacedAtMs, long lastRowAtMs, long failedRequests) {

        /**
         * Nothing oversold, lost or doubled, and every accepted purchase answered as such. Requests that got no
         * answer in time are the service level's concern, not this: a shopper who gave up on a sold-out
         * answer changes no number here, and one who gave up on an acceptance shows as accepted below stock.
         */
        boolean pass() {
            return accepted == stock && rows == stock && distinctUsers == rows && redisStock == 0;
        }

        double drainSeconds() {
            return (lastRowAtMs - lastPlacedAtMs) / 1000.0;
        }

        double persistedPerSecond() {
            long span = lastRowAtMs - firstPlacedAtMs;
            return span <= 0 ? 0 : rows / (span / 1000.0);
        }
    }

    record Options(int stock, String ramp, int baselineSeconds, int concurrency, int p99Millis, int warmupUsers) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.of("stock", "20000", "ramp", "10", "baseline-seconds", "15",
                    "concurrency", "64", "p99", "10000", "warmup-users", "4000"));
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i].startsWith("--") ? args[i].substring(2) : "";
                if (!values.containsKey(name) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                            + "; options: --stock N --ramp S --baseline-seconds S --concurrency N --p99 MS --warmup-users N");
                }
                values.put(name, args[i + 1]);
            }
            try {
                Double.parseDouble(values.get("ramp"));
                return new Options(Integer.parseInt(values.get("stock")), values.get("ramp"),
                        Integer.parseInt(values.get("baseline-seconds")), Integer.parseInt(values.get("concurrency")),
                        Integer.parseInt(values.get("p99")), Integer.parseInt(values.get("warmup-users")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + e.getMessage());
            }
        }
    }
}
