package dev.seckill.gateway.routing;

import dev.seckill.web.internal.InternalCallerProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls seckill-service over a pooled HTTP client with connect and read timeouts, behind a circuit
 * breaker, and hands its answer back unchanged: status, problem details and all. Every call carries
 * the internal token, the mark of a call that came through this gateway.
 *
 * <p>The client is Apache's blocking one: the request thread writes and reads the socket itself. The
 * JDK's client is asynchronous underneath, and through Spring it started a thread per request body
 * and, on machines with two cores or fewer, another per completed exchange; in a spike that thread
 * churn, not the network, was the gateway's limit. The pool also bounds how many calls are in
 * flight to seckill-service at once, which matters when virtual threads lift the bound of the
 * request threads.
 *
 * <p>Nothing is retried here. A purchase sent twice could buy twice unless it carries an
 * Idempotency-Key, and with one the shopper's own retry is just as safe; retrying GETs would only
 * add load to a service that is already slow.
 */
@Component
public class SeckillClient implements DisposableBean {

    static final String BREAKER = "seckill-service";
    private static final String[] FORWARDED_RESPONSE_HEADERS = {HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION};

    private final CloseableHttpClient pooled;
    private final RestClient http;
    private final CircuitBreaker breaker;
    private final String internalToken;

    SeckillClient(RestClient.Builder builder, RoutingProperties properties, InternalCallerProperties internal,
            CircuitBreakerRegistry breakers) {
        this.pooled = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // Under the strict policy's one lock, leases in a spike waited over a second with idle
                        // connections in the pool, and the shoppers got 503s.
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setMaxConnTotal(properties.maxConnections())
                        .setMaxConnPerRoute(properties.maxConnections())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.readTimeout()))
                                // A connection seckill-service closed while idle would fail the purchase sent on it.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(pooled);
        // Waiting for a free connection counts against the same budget as making one.
        requests.setConnectionRequestTimeout(properties.connectTimeout());
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
                }, true));
    }

    @Override
    public void destroy() throws Exception {
        pooled.close();
    }
}
