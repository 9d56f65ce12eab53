package dev.seckill.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin's side of a run: opening the sales through the gateway's admin API, with an admin token. */
final class Admin {

    private static final Pattern SALE_ID = Pattern.compile("\"saleId\"\\s*:\\s*(\\d+)");

    private Admin() {
    }

    /** Creates a sale that is open now for {@code open}, one unit per shopper; returns its id. */
    static long openSale(String title, int stock, Duration open) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"skuId":"LOAD-%d","title":"%s","price":1.00,"stock":%d,"startAt":"%s","endAt":"%s","perUserLimit":1}"""
                .formatted(now.toEpochMilli(), title, stock, now.minusSeconds(1), now.plus(open));
        HttpRequest request = HttpRequest.newBuilder(URI.create(LoadSettings.baseUrl() + "/api/admin/sales"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + LoadSettings.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            Matcher id = SALE_ID.matcher(response.body());
            if (response.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("creating a sale failed: " + response.statusCode() + " " + response.body());
            }
            return Long.parseLong(id.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("the gateway at " + LoadSettings.baseUrl() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
