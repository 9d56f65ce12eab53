package dev.seckill.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for seckill-service in module tests: answers purchases as told per sale (202 with an
 * order, or 409 sold out as seckill-service writes it), counts the purchases that reached it and
 * keeps the headers of every call about a sale or its orders, and holds a sale's purchases when told to; anything else is a 404.
 */
public final class StubSeckillService implements AutoCloseable {

    private static final Pattern PURCHASE = Pattern.compile("/api/sales/([0-9]+)/purchases");
    /** A call about a sale, or about one of its orders (an order id starts with its sale id). */
    private static final Pattern ABOUT_A_SALE = Pattern.compile("/api/(?:(?:admin/)?sales/([0-9]+)(?:/.*)?|orders/([0-9]+)-.*)");

    private final HttpServer server;
    private final Map<Long, Boolean> soldOut = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, String>> lastHeaders = new ConcurrentHashMap<>();
    private final Map<Long, CountDownLatch> held = new ConcurrentHashMap<>();

    public StubSeckillService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void soldOut(long saleId, boolean soldOut) {
        this.soldOut.put(saleId, soldOut);
    }

    /** Purchases of this sale get no answer until {@link #release(long)}; the stub answers one call at a time. */
    public void hold(long saleId) {
        held.put(saleId, new CountDownLatch(1));
    }

    public void release(long saleId) {
        CountDownLatch gate = held.remove(saleId);
        if (gate != null) {
            gate.countDown();
        }
    }

    public int calls(long saleId) {
        return calls.computeIfAbsent(saleId, id -> new AtomicInteger()).get();
    }

    /** The headers of the last call about this sale that reached the stub, names in lower case. */
    public Map<String, String> lastHeaders(long saleId) {
        return lastHeaders.getOrDefault(saleId, Map.of());
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        Matcher aboutASale = ABOUT_A_SALE.matcher(path);
        if (aboutASale.matches()) {
            lastHeaders.put(Long.parseLong(aboutASale.group(1) != null ? aboutASale.group(1) : aboutASale.group(2)), headers);
        }
        Matcher purchase = PURCHASE.matcher(path);
        if (!purchase.matches() || !"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 404, "application/problem+json", "{\"type\":\"urn:seckill:problem:sale-not-found\"}");
            return;
        }
        long saleId = Long.parseLong(purchase.group(1));
        calls.computeIfAbsent(saleId, id -> new AtomicInteger()).incrementAndGet();
        awaitRelease(held.get(saleId));
        if (soldOut.getOrDefault(saleId, false) && !headers.containsKey("idempotency-key")) {
            send(exchange, 409, "application/problem+json", """
                    {"type":"urn:seckill:problem:sold-out","title":"Sold out","status":409,\
                    "detail":"Sale %d is sold out","instance":"/api/sales/%d/purchases"}""".formatted(saleId, saleId));
            return;
        }
        send(exchange, 202, "application/json", "{\"orderId\":\"" + saleId
                + "-01900000-0000-7000-8000-000000000000\",\"status\":\"PENDING\"}");
    }

    private static void awaitRelease(CountDownLatch gate) {
        if (gate == null) {
            return;
        }
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
