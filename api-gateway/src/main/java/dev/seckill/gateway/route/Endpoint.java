package dev.seckill.gateway.route;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpMethod;

/** One endpoint: method, path (with {@code {saleId}} or {@code {orderId}}) and its steps. */
public record Endpoint(String id, HttpMethod method, String path, List<GatewayFilter> steps) {
}
