package dev.seckill.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.infra.platform.LocalTokens;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * What the gateway costs, in one run against a gateway and seckill-service of their own:
 * <ul>
 *   <li>the cost of saying no: purchases per second the gateway turns away with 429 (one shopper far
 *       over the per-shopper limit), against the same calls to a no-op endpoint routed through the
 *       same gateway hop to the same service;</li>
 *   <li>the added latency of the hop on an accepted purchase: the same purchases through the gateway
 *       and straight to seckill-service, with the no-op through the gateway beside them.</li>
 * </ul>
 * System properties: {@code bench.seconds} (per phase, default 15), {@code bench.warmup} (default 10),
 * {@code bench.inflight} (for throughput, default 64), {@code bench.latency.inflight} (default 8).
 */
public final class GatewayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PURCHASE = "{\"quantity\":1}";
    /** Enough distinct shoppers that none of them reaches the per-shopper limit in the latency phases. */
    private static final int SHOPPERS = 4_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Platform platform;
    private final List<String> shopperTokens;

    private GatewayBenchmark(Platform platform) {
        this.platform = platform;
        LocalTokens tokens = platform.tokens();
        this.shopperTokens = IntStream.range(0, SHOPPERS).mapToObj(i -> tokens.shopper("gw-bench-" + i)).toList();
    }

    public static void main(String[] args) throws Exception {
        Duration measured = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
        int inFlight = Integer.getInteger("bench.inflight", 64);
        int latencyInFlight = Integer.getInteger("bench.latency.inflight", 8);
        Path root = Path.of(System.getProperty("seckill.project-root", "..")).toAbsolutePath().normalize();

        Platform platform = Platform.onFreePorts(SharedServers.get(), root, root.resolve("benchmarks/target/gateway-platform"));
        List<ServiceProcess> started = List.of(platform.seckill(), platform.gateway());
        for (ServiceProcess service : started) {
            service.start(platform.environmentFor(service, BenchSettings.ENVIRONMENT));
        }
        try {
            new GatewayBenchmark(platform).run(measured, warmup, inFlight, latencyInFlight);
        } finally {
            started.forEach(ServiceProcess::stop);
        }
        System.exit(0);
    }

    private void run(Duration measured, Duration warmup, int inFlight, int latencyInFlight) throws Exception {
        URI gateway = platform.gatewayUrl();
        URI seckill = platform.seckill().url();
        long saleId = createSale(gateway);
        String greedy = shopperTokens.get(0);
        String purchases = "/api/sales/" + saleId + "/purchases";

        System.out.printf("Warming up for %d s...%n", warmup.toSeconds());
        new ClosedLoop(inFlight, warmup).run("warm-up", n -> viaGateway(purchases, greedy, 429));
        new ClosedLoop(inFlight, warmup).run("warm-up", n -> viaGateway("/api/bench/noop", token(n), 202));
        new ClosedLoop(latencyInFlight, warmup).run("warm-up", n -> direct(seckill, purchases, "warm-" + n));

        LoadResult refused = new ClosedLoop(inFlight, measured)
                .run("429 from the gateway (one shopper over limit)", n -> viaGateway(purchases, greedy, 429));
        LoadResult noopThroughput = new ClosedLoop(inFlight, measured)
                .run("no-op through the gateway hop", n -> viaGateway("/api/bench/noop", token(n), 202));
        LoadResult viaGateway = new ClosedLoop(latencyInFlight, measured)
                .run("accepted purchase through the gateway", n -> viaGateway(purchases, token(n), 202));
        LoadResult direct = new ClosedLoop(latencyInFlight, measured)
                .run("accepted purchase straight to seckill-service", n -> direct(seckill, purchases, "direct-" + n));
        LoadResult noopLatency = new ClosedLoop(latencyInFlight, measured)
                .run("no-op through the gateway hop", n -> viaGateway("/api/bench/noop", token(n), 202));

        System.out.println();
        System.out.printf("Gateway costs, all on this machine (%d cores), %d s per phase:%n",
                Runtime.getRuntime().availableProcessors(), measured.toSeconds());
        System.out.printf("%nSaying no (%d in flight):%n", inFlight);
        System.out.println(refused.line());
        System.out.println(noopThroughput.line());
        System.out.printf("  %-44s %10.2f x%n", "429s per no-op call", refused.perSecond() / noopThroughput.perSecond());
        System.out.printf("%nThe hop on an accepted purchase (%d in flight):%n", latencyInFlight);
        System.out.println(viaGateway.line());
        System.out.println(direct.line());
        System.out.println(noopLatency.line());
        System.out.printf("  %-44s p50 %+6.2f ms   p99 %+6.2f ms%n", "added by the gateway hop",
                (viaGateway.percentileMicros(50) - direct.percentileMicros(50)) / 1000.0,
                (viaGateway.percentileMicros(99) - direct.percentileMicros(99)) / 1000.0);
    }

    /** Shoppers take turns, so none of them comes near the per-shopper limit. */
    private String token(long n) {
        return shopperTokens.get(1 + (int) (n % (SHOPPERS - 1)));
    }

    private CompletableFuture<Boolean> viaGateway(String path, String token, int expectedStatus) {
        HttpRequest request = HttpRequest.newBuilder(platform.gatewayUrl().resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(PURCHASE)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == expectedStatus);
    }

    private CompletableFuture<Boolean> direct(URI seckill, String path, String userId) {
        HttpRequest request = HttpRequest.newBuilder(seckill.resolve(path))
                .header("Content-Type", "application/json")
                .header("X-Internal-Token", platform.secrets().internalToken())
                .header("X-User-Id", userId)
                .POST(HttpRequest.BodyPublishers.ofString(PURCHASE)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 202);
    }

    private long createSale(URI gateway) throws Exception {
        Instant now = Instant.now();
        String body = """
                {"skuId":"GW-BENCH","title":"Gateway benchmark","price":1.00,"stock":10000000,
                 "startAt":"%s","endAt":"%s","perUserLimit":100}""".formatted(now.minusSeconds(1), now.plusSeconds(3600));
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/admin/sales"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + platform.tokens().admin("gw-bench-admin"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the benchmark sale failed: " + response.body());
        }
        return JSON.readTree(response.body()).path("saleId").asLong();
    }
}
