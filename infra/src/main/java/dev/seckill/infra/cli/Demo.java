package dev.seckill.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.infra.platform.LocalTokens;
import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.server.Pause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

/**
 * A flash sale in miniature, through the public API: one sale, many distinct shoppers at once,
 * then the proof: what was accepted, what reached MySQL, and whether anything was oversold.
 */
final class Demo {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Purchases in flight at once. Enough to keep the gateway busy, few enough that the client keeps a
     * handful of keep-alive connections rather than opening one per shopper, which would make the
     * demo's own connection set-up, not the platform, the slow part.
     */
    private static final int IN_FLIGHT = 32;
    private static final int PAGE_VIEWS_PER_SHOPPER = 3;

    private final Platform platform;
    // HTTP/1.1 stated: the default (HTTP/2) sends every first request on a connection with an h2c upgrade offer.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Demo(Platform platform) {
        this.platform = platform;
    }

    void run(int stock, int shoppers) {
        URI gateway = platform.gatewayUrl();
        LocalTokens issuer = platform.tokens();
        // Each shopper signs in before the sale opens, as they would in an app; signing is not part of the rush.
        List<String> tokens = IntStream.range(0, shoppers).mapToObj(i -> issuer.shopper("demo-shopper-" + i)).toList();
        String adminToken = issuer.admin("demo-admin");
        rehearse(gateway, adminToken, issuer, stock, shoppers);
        long saleId = createSale(gateway, adminToken, stock);
        System.out.printf("%nSale %d: %d shoppers look at its page first (%d views, not timed)...%n", saleId, shoppers,
                PAGE_VIEWS_PER_SHOPPER * shoppers);
        lookAtTheSale(gateway, saleId, tokens);
        System.out.printf("Sale %d: %d items, %d shoppers buying at once...%n", saleId, stock, shoppers);

        long started = System.nanoTime();
        List<HttpResponse<String>> answers = purchaseAtOnce(gateway, saleId, tokens);
        double acceptSeconds = secondsSince(started);

        Map<String, String> accepted = new HashMap<>();
        int soldOut = 0;
        Map<Integer, Integer> rejected = new java.util.TreeMap<>();
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i);
            if (answer.statusCode() == 202) {
                accepted.put(read(answer.body()).get("orderId").asText(), tokens.get(i));
            } else if (answer.statusCode() == 409 && answer.body().contains("sold-out")) {
                soldOut++;
            } else {
                rejected.merge(answer.statusCode(), 1, Integer::sum);
            }
        }
        awaitCreated(gateway, accepted);
        double drainSeconds = secondsSince(started);

        long[] rows = countOrders(saleId);
        long stockLeft = read(get(gateway.resolve("/api/sales/" + saleId), null).body()).get("stockLeft").asLong();
        boolean oversold = accepted.size() > stock || rows[0] > stock || stockLeft < 0;
        // Every unit that left the Redis stock must be an order in MySQL, and the other way round.
        long unitsWithoutOrder = (stock - stockLeft) - rows[0];
        System.out.println();
        System.out.printf("  %-28s %8d%n", "accepted (202)", accepted.size());
        System.out.printf("  %-28s %8d%n", "sold out (409)", soldOut);
        System.out.printf("  %-28s %8d  %s%n", "rejected (other answers)",
                rejected.values().stream().mapToInt(Integer::intValue).sum(), rejected.isEmpty() ? "" : "by status " + rejected);
        System.out.printf("  %-28s %8d  (%d distinct users)%n", "orders in MySQL", rows[0], rows[1]);
        System.out.printf("  %-28s %8d%n", "stock left in Redis", stockLeft);
        System.out.printf("  %-28s %8s%n", "oversold", oversold ? "YES" : "no");
        System.out.printf("  %-28s %8d%n", "units taken without an order", unitsWithoutOrder);
        System.out.printf("  %-28s %8.2f s  (%,.0f answers a second, %d in flight)%n", "all answers in", acceptSeconds,
                answers.size() / acceptSeconds, IN_FLIGHT);
        System.out.printf("  %-28s %8.2f s%n", "all orders CREATED in", drainSeconds);
        if (oversold || unitsWithoutOrder != 0 || rows[1] != rows[0]) {
            throw new IllegalStateException("the demo found an inconsistency; see the table above");
        }
    }

    private long createSale(URI gateway, String adminToken, int stock) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"skuId":"DEMO-%d","title":"Demo flash sale","price":9.99,"stock":%d,
                 "startAt":"%s","endAt":"%s","perUserLimit":1}"""
                .formatted(now.getEpochSecond(), stock, now.minusSeconds(1), now.plus(Duration.ofHours(1)));
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.resolve("/api/admin/sales"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the sale failed: " + response.statusCode() + " " + response.body());
        }
        return read(response.body()).get("saleId").asLong();
    }

    /**
     * A sale of the same size to other shoppers first, untimed. A deployed platform has served traffic before a
     * sale opens; one started a minute ago has not, and on two cores its first thousand purchases would measure
     * the JIT compiling the purchase path rather than the platform.
     */
    private void rehearse(URI gateway, String adminToken, LocalTokens issuer, int stock, int shoppers) {
        List<String> tokens = IntStream.range(0, shoppers).mapToObj(i -> issuer.shopper("demo-rehearsal-" + i)).toList();
        long saleId = createSale(gateway, adminToken, stock);
        System.out.printf("%nSale %d: a rehearsal, %d other shoppers for %d items (not timed)...%n", saleId, shoppers, stock);
        purchaseAtOnce(gateway, saleId, tokens);
    }

    /**
     * Each shopper opens the sale's page {@link #PAGE_VIEWS_PER_SHOPPER} times, signed in as a shopper's app is.
     * Shoppers of a flash sale look at its page before they buy; here that also gets the code of the path
     * compiled, this client's own included, which on two cores would otherwise take the CPU the platform answers with.
     */
    private void lookAtTheSale(URI gateway, long saleId, List<String> tokens) {
        URI page = gateway.resolve("/api/sales/" + saleId);
        List<HttpRequest> views = new ArrayList<>();
        for (int view = 0; view < PAGE_VIEWS_PER_SHOPPER; view++) {
            for (String token : tokens) {
                views.add(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).GET().build());
            }
        }
        long failed = inFlight(views, HttpResponse.BodyHandlers.discarding()).stream()
                .filter(answer -> answer.statusCode() != 200).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + views.size() + " looks at the sale's page were not answered 200");
        }
    }

    /** Every shopper's purchase. */
    private List<HttpResponse<String>> purchaseAtOnce(URI gateway, long saleId, List<String> tokens) {
        URI purchases = gateway.resolve("/api/sales/" + saleId + "/purchases");
        return inFlight(tokens.stream().map(token -> HttpRequest.newBuilder(purchases)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")).build()).toList(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The requests, {@link #IN_FLIGHT} at a time: each answer lets the next request go; the answers in order. */
    private <T> List<HttpResponse<T>> inFlight(List<HttpRequest> requests, HttpResponse.BodyHandler<T> body) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<HttpResponse<T>>> pending = new ArrayList<>(requests.size());
        for (HttpRequest request : requests) {
            slots.acquireUninterruptibly();
            pending.add(http.sendAsync(request, body).whenComplete((answer, failure) -> slots.release()));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** Polls each accepted order (id to its shopper's token), as its shopper would, until all read CREATED. */
    private void awaitCreated(URI gateway, Map<String, String> orders) {
        Map<String, String> waiting = new HashMap<>(orders);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (!waiting.isEmpty()) {
            waiting.entrySet().removeIf(order -> "CREATED".equals(read(
                    get(gateway.resolve("/api/orders/" + order.getKey()), order.getValue()).body())
                    .path("status").asText()));
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(waiting.size() + " accepted orders did not reach CREATED within "
                        + DRAIN_TIMEOUT.toSeconds() + " s; see the logs under .run/");
            }
            Pause.of(Duration.ofMillis(200));
        }
    }

    private long[] countOrders(long saleId) {
        Map<String, String> db = platform.environmentFor(platform.consumer());
        try (Connection connection = DriverManager.getConnection(db.get("SPRING_DATASOURCE_URL"),
                db.get("SPRING_DATASOURCE_USERNAME"), db.get("SPRING_DATASOURCE_PASSWORD"));
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM orders WHERE sale_id = ?")) {
            query.setLong(1, saleId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting orders in MySQL failed: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> get(URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
