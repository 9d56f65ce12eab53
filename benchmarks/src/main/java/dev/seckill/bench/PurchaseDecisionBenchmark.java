package dev.seckill.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.testsupport.SharedServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Purchase decisions per second through seckill-service over HTTP (no gateway), and in the same run
 * the raw throughput of the same Lua script sent straight to the same Redis with EVALSHA: the limit
 * of the hot path. Prints both and their ratio.
 *
 * <p>System properties: {@code bench.seconds} (measured seconds per phase, default 20),
 * {@code bench.inflight} (concurrent requests, default 64), {@code bench.warmup} (seconds, default 10).
 */
public final class PurchaseDecisionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PurchaseDecisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration measured = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
        int inFlight = Integer.getInteger("bench.inflight", 64);
        Path root = Path.of(System.getProperty("seckill.project-root", "..")).toAbsolutePath().normalize();

        var servers = SharedServers.get();
        Platform platform = Platform.onFreePorts(servers, root, root.resolve("benchmarks/target/platform"));
        ServiceProcess seckill = platform.seckill();
        seckill.start(platform.environmentFor(seckill));
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> internal = Map.of("X-Internal-Token", platform.secrets().internalToken());
        try {
            long httpSale = createSale(http, seckill.url(), internal);
            long scriptSale = createSale(http, seckill.url(), internal);

            System.out.printf("Warming up for %d s...%n", warmup.toSeconds());
            new ClosedLoop(inFlight, warmup).run("warm-up", n -> purchase(http, seckill.url(), internal, httpSale, "warm-" + n));
            LoadResult viaHttp = new ClosedLoop(inFlight, measured)
                    .run("seckill-service HTTP (decision + 202)", n -> purchase(http, seckill.url(), internal, httpSale, "http-" + n));

            LoadResult raw;
            try (RawPurchaseScript script = new RawPurchaseScript(servers.redis().host(), servers.redis().port(), root)) {
                raw = script.measure("raw EVALSHA of purchase.lua (same Redis)", scriptSale, inFlight, warmup, measured);
            }

            System.out.println();
            System.out.printf("Purchase decisions, %d in flight, %d s each, all on this machine (%d cores):%n",
                    inFlight, measured.toSeconds(), Runtime.getRuntime().availableProcessors());
            System.out.println(viaHttp.line());
            System.out.println(raw.line());
            System.out.printf("  %-44s %10.1f %%%n", "HTTP service / raw script", 100.0 * viaHttp.perSecond() / raw.perSecond());
        } finally {
            seckill.stop();
        }
        System.exit(0);
    }

    private static long createSale(HttpClient http, URI seckill, Map<String, String> internal) throws Exception {
        Instant now = Instant.now();
        String body = """
                {"skuId":"BENCH","title":"Benchmark sale","price":1.00,"stock":10000000,
                 "startAt":"%s","endAt":"%s","perUserLimit":1}""".formatted(now.minusSeconds(1), now.plusSeconds(3600));
        HttpRequest.Builder request = HttpRequest.newBuilder(seckill.resolve("/api/admin/sales"))
                .header("Content-Type", "application/json")
                .header("X-User-Id", "bench")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        internal.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the benchmark sale failed: " + response.body());
        }
        return JSON.readTree(response.body()).path("saleId").asLong();
    }

    private static CompletableFuture<Boolean> purchase(
            HttpClient http, URI seckill, Map<String, String> internal, long saleId, String userId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(seckill.resolve("/api/sales/" + saleId + "/purchases"))
                .header("Content-Type", "application/json")
                .header("X-User-Id", userId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}"));
        internal.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 202);
    }
}
