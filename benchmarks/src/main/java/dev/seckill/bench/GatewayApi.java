package dev.seckill.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The few calls the bench makes through the gateway's public API itself: opening sales, and one shopper's purchase. */
final class GatewayApi {

    /**
     * A bench sale's orders are never paid; with the longest payment window (a day) the canceller never returns
     * their units while the bench runs, which would charge its work to whatever phase is being measured.
     */
    private static final long PAYMENT_WINDOW_SECONDS = 86_400;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI gateway;
    private final String adminToken;

    GatewayApi(URI gateway, String adminToken) {
        this.gateway = gateway;
        this.adminToken = adminToken;
    }

    /** A sale open for an hour, one unit per shopper; returns its id. */
    long openSale(String title, long stock) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"skuId":"BENCH-%d","title":"%s","price":1.00,"stock":%d,"startAt":"%s","endAt":"%s","perUserLimit":1,\
                "paymentWindowSeconds":%d}""".formatted(System.nanoTime(), title, stock, now.minusSeconds(1),
                now.plus(Duration.ofHours(1)), PAYMENT_WINDOW_SECONDS);
        HttpResponse<String> response = post("/api/admin/sales", adminToken, body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("opening the sale \"" + title + "\" failed: " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body()).path("saleId").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One unit of {@code saleId} for the shopper of {@code token}; returns the answer's status. */
    int purchase(long saleId, String token) {
        return post("/api/sales/" + saleId + "/purchases", token, "{\"quantity\":1}").statusCode();
    }

    private HttpResponse<String> post(String path, String token, String body) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway at " + gateway + " did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
