package dev.seckill.consumer.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A payment service in the test: the third party that cannot run here. It charges once per
 * {@code Idempotency-Key} and answers the same charge to a repeat, as real providers do; what it
 * answers otherwise is set per test. It counts the charges it made and the requests it saw.
 */
final class StubPaymentServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> chargesByKey = new ConcurrentHashMap<>();
    private final AtomicInteger charges = new AtomicInteger();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, Answer> behaviour = this::approve;
    private volatile CountDownLatch holdAnswers = new CountDownLatch(0);

    /** What the stub sends back: a status and a raw body. */
    record Answer(int status, byte[] body) {
        static Answer json(int status, String body) {
            return new Answer(status, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    StubPaymentServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/charges", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(Function<JsonNode, Answer> behaviour) {
        this.behaviour = behaviour;
    }

    /** Charges as usual but keeps every answer until {@link #releaseAnswers()}: a charge whose answer is late. */
    void holdAnswers() {
        holdAnswers = new CountDownLatch(1);
    }

    void releaseAnswers() {
        holdAnswers.countDown();
    }

    int charges() {
        return charges.get();
    }

    List<JsonNode> requests() {
        return requests;
    }

    /** Charges once per idempotency key, answering the first charge to every repeat. */
    Answer approve(JsonNode request) {
        String id = chargesByKey.computeIfAbsent(request.path("idempotencyKey").asText(), key -> {
            charges.incrementAndGet();
            return "ch_" + UUID.randomUUID().toString().substring(0, 12);
        });
        return Answer.json(201, "{\"id\":\"" + id + "\",\"orderId\":\"" + request.path("orderId").asText()
                + "\",\"status\":\"approved\"}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("idempotencyKey",
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            requests.add(body);
            Answer answer = behaviour.apply(body);
            if (!holdAnswers.await(30, TimeUnit.SECONDS)) {
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up waiting and closed the connection: exactly what a late answer meets
        }
    }

    @Override
    public void close() {
        releaseAnswers();
        server.stop(0);
    }
}
