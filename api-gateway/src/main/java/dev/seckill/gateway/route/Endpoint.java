package dev.seckill.gateway.route;

import java.net.URI;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpMethod;

/** One endpoint: method, path (with {@code {saleId}} or {@code {orderId}}), the service it goes to and its steps. */
public record Endpoint(String id, HttpMethod method, String path, URI service, List<GatewayFilter> steps) {
}
