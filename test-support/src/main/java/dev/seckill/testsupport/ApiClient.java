package dev.seckill.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/** A small HTTP client for tests that talk to the public API as a shopper would. */
public class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Map<String, String> defaultHeaders;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(URI baseUrl) {
        this(baseUrl, Map.of());
    }

    private ApiClient(URI baseUrl, Map<String, String> defaultHeaders) {
        this.baseUrl = baseUrl;
        this.defaultHeaders = defaultHeaders;
    }

    /** A client that adds these headers to every request, e.g. the internal token of a service behind the gateway. */
    public ApiClient withHeaders(Map<String, String> headers) {
        return new ApiClient(baseUrl, headers);
    }

    /** The header that presents a signed token, to pass as or merge into a request's headers. */
    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    public ApiResponse get(String path, Map<String, String> headers) {
        return join(sendAsync(request(path, headers).GET()));
    }

    public ApiResponse postJson(String path, Map<String, String> headers, String body) {
        return join(postJsonAsync(path, headers, body));
    }

    public CompletableFuture<ApiResponse> postJsonAsync(String path, Map<String, String> headers, String body) {
        return sendAsync(request(path, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends {@code count} requests at once and returns their answers in order. */
    public List<ApiResponse> all(int count, IntFunction<CompletableFuture<ApiResponse>> request) {
        List<CompletableFuture<ApiResponse>> pending = java.util.stream.IntStream.range(0, count)
                .mapToObj(request).toList();
        return pending.stream().map(ApiClient::join).toList();
    }

    public CompletableFuture<ApiResponse> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new ApiResponse(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), parse(response.body()), response.headers()));
    }

    public HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path));
        defaultHeaders.forEach(request::header);
        headers.forEach(request::header);
        return request;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    /** An answer: status, content type, the body as JSON (a text node when it was not JSON) and all headers. */
    public record ApiResponse(int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers) {

        public String text(String field) {
            return body.path(field).asText();
        }

        /** The first value of a header, or {@code null}. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public boolean isProblem(int expectedStatus, String problemSlug) {
            return status == expectedStatus
                    && contentType.startsWith("application/problem+json")
                    && text("type").equals("urn:seckill:problem:" + problemSlug);
        }
    }
}
