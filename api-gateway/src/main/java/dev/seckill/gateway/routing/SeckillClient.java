package dev.seckill.gateway.routing;

import java.net.http.HttpClient;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls seckill-service over a pooled HTTP client with connect and read timeouts and hands its
 * answer back unchanged: status, problem details and all. Nothing is retried here; a purchase sent
 * twice could buy twice unless it carries an Idempotency-Key.
 */
@Component
class SeckillClient {

    private static final String[] FORWARDED_RESPONSE_HEADERS = {HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION};

    private final RestClient http;

    SeckillClient(RestClient.Builder builder, RoutingProperties properties) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.baseUrl(properties.seckillServiceUrl().toString()).requestFactory(requests).build();
    }

    /** @param uriTemplate a template such as {@code /api/sales/{id}}, so metrics get one tag per route, not per id */
    ResponseEntity<byte[]> forward(HttpMethod method, String uriTemplate, Map<String, String> headers, byte[] body,
            Object... uriVariables) {
        return http.method(method)
                .uri(uriTemplate, uriVariables)
                .headers(h -> headers.forEach(h::set))
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
                }, false);
    }
}
