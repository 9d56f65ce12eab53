package dev.seckill.gateway.routing;

import dev.seckill.web.internal.InternalCallerProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpClient;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls seckill-service over a pooled HTTP client with connect and read timeouts, behind a circuit
 * breaker, and hands its answer back unchanged: status, problem details and all. Every call carries
 * the internal token, the mark of a call that came through this gateway.
 *
 * <p>Nothing is retried here. A purchase sent twice could buy twice unless it carries an
 * Idempotency-Key, and with one the shopper's own retry is just as safe; retrying GETs would only
 * add load to a service that is already slow.
 */
@Component
public class SeckillClient {

    static final String BREAKER = "seckill-service";
    private static final String[] FORWARDED_RESPONSE_HEADERS = {HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION};

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final String internalToken;

    SeckillClient(RestClient.Builder builder, RoutingProperties properties, InternalCallerProperties internal,
            CircuitBreakerRegistry breakers) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.baseUrl(properties.seckillServiceUrl().toString()).requestFactory(requests).build();
        this.breaker = breakers.circuitBreaker(BREAKER);
        this.internalToken = internal.token();
    }

    /**
     * @param uriTemplate a template such as {@code /api/sales/{id}}, so metrics get one tag per route, not per id
     * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException while the breaker is open
     */
    public ResponseEntity<byte[]> forward(HttpMethod method, String uriTemplate, Map<String, String> headers, byte[] body,
            Object... uriVariables) {
        return breaker.executeSupplier(() -> http.method(method)
                .uri(uriTemplate, uriVariables)
                .headers(h -> {
                    headers.forEach(h::set);
                    h.set(InternalCallerProperties.HEADER, internalToken);
                })
                .body(body == null ? new byte[0] : body)
                .exchange((request, response) -> {
                    HttpHeaders out = new HttpHeaders();
                    for (String name : FORWARDED_RESPONSE_HEADERS) {
                        String value = response.getHeaders().getFirst(name);
                        if (value != null) {
                            out.set(name, value);
                        }
                    }
                    return ResponseEntity.status(response.getStatusCode()).headers(out).body(response.getBody().readAllBytes());
                }, false));
    }
}
