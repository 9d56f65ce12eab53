package dev.seckill.gateway.route;

import dev.seckill.gateway.input.Inputs;
import dev.seckill.gateway.problem.Refusal;
import dev.seckill.gateway.ratelimit.GlobalLimit;
import dev.seckill.gateway.ratelimit.ShopperLimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The public API, each endpoint with its way through the edge. Listed by how often it is called,
 * since the gateway tries routes in order: purchases first. Each endpoint's path answers other
 * methods with 405.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    private static final HttpMethod GET = HttpMethod.GET;
    private static final HttpMethod POST = HttpMethod.POST;

    /** One endpoint: method, path (with {@code {saleId}} or {@code {orderId}}), its steps and the service it goes to. */
    private record Endpoint(String id, HttpMethod method, String path, Hop hop, List<GatewayFilter> steps) {
    }

    @Bean
    RouteLocator seckillRoutes(RouteLocatorBuilder builder, BenchProperties bench,
            Inputs input, ShopperLimit shopperLimit, GlobalLimit globalLimit, Hops hops) {
        Hop seckill = hops.to(Upstream.SECKILL_SERVICE);
        // order-consumer owns the orders table: paying an order and a shopper's history are its.
        Hop orders = hops.to(Upstream.ORDER_CONSUMER);
        List<Endpoint> endpoints = new ArrayList<>(List.of(
                new Endpoint("purchase", POST, "/api/sales/{saleId}/purchases", seckill,
                        List.of(input.purchase(), shopperLimit, globalLimit, seckill.asCaller())),
                new Endpoint("order", GET, "/api/orders/{orderId}", seckill, List.of(input.orderId(), seckill.asCaller())),
                new Endpoint("sale", GET, "/api/sales/{saleId}", seckill, List.of(input.saleId(), seckill.asAnyone())),
                new Endpoint("payment", POST, "/api/orders/{orderId}/payment", orders, List.of(input.orderId(), orders.asCaller())),
                new Endpoint("my-orders", GET, "/api/orders", orders, List.of(input.myOrders(), orders.asCaller())),
                new Endpoint("create-sale", POST, "/api/admin/sales", seckill, List.of(input.createSale(), seckill.asCaller())),
                new Endpoint("list-sales", GET, "/api/admin/sales", seckill, List.of(input.listSales(), seckill.asCaller())),
                new Endpoint("close-sale", POST, "/api/admin/sales/{saleId}/close", seckill,
                        List.of(input.saleId(), seckill.asCaller())),
                new Endpoint("reconciliation", GET, "/api/admin/sales/{saleId}/reconciliation", seckill,
                        List.of(input.saleId(), seckill.asCaller())),
                new Endpoint("repair", POST, "/api/admin/sales/{saleId}/reconciliation/repair", seckill,
                        List.of(input.saleId(), seckill.asCaller()))));
        if (bench.noopEnabled()) {
            endpoints.add(new Endpoint("bench-noop", POST, "/api/bench/noop", seckill,
                    List.of(input.purchaseBody(), seckill.asCaller())));
        }

        RouteLocatorBuilder.Builder routes = builder.routes();
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            routes.route(endpoint.id(), r -> r.method(endpoint.method()).and().path(endpoint.path())
                    .filters(f -> f.filters(endpoint.steps()))
                    .uri(endpoint.hop().url()));
            methodsByPath.computeIfAbsent(endpoint.path(), p -> new TreeSet<>()).add(endpoint.method().name());
        }
        // The refusal never leaves the gateway; a route needs a destination all the same.
        String nowhere = seckill.url().toString();
        methodsByPath.forEach((path, methods) -> routes.route("not-allowed " + path, r -> r.order(1).path(path)
                .filters(f -> f.filter(notAllowed(methods)))
                .uri(nowhere)));
        return routes.build();
    }

    private static GatewayFilter notAllowed(Set<String> methods) {
        String allowed = String.join(", ", methods);
        return (exchange, chain) -> Mono.error(new Refusal(405, "method-not-allowed", "Method not allowed",
                exchange.getRequest().getMethod().name() + " is not allowed here; use " + allowed)
                .header(HttpHeaders.ALLOW, allowed));
    }
}
