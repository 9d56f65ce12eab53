package dev.seckill.gateway.route;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Of a service's answer, the shopper gets the status, the body and what describes the body:
 * its type, length and, for a new sale, its location. Nothing else of the service's headers leaves.
 */
@Component
class ResponseHeaders implements HttpHeadersFilter {

    private static final String[] PASSED = {HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH, HttpHeaders.LOCATION};

    @Override
    public HttpHeaders filter(HttpHeaders answer, ServerWebExchange exchange) {
        HttpHeaders passed = new HttpHeaders();
        for (String name : PASSED) {
            String value = answer.getFirst(name);
            if (value != null) {
                passed.set(name, value);
            }
        }
        return passed;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
