package dev.seckill.gateway.route;

import dev.seckill.gateway.input.Inputs;
import dev.seckill.gateway.problem.GatewayProblem;
import dev.seckill.gateway.problem.Refusal;
import dev.seckill.gateway.ratelimit.GlobalLimit;
import dev.seckill.gateway.ratelimit.ShopperLimit;
import java.net.URI;
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

    /** The endpoints as a bean of their own, so that the API document can be checked against what is routed. */
    @Bean
    Endpoints endpoints(BenchProperties bench, Inputs input, ShopperLimit shopperLimit, GlobalLimit globalLimit, Hops hops) {
        Hop seckill = hops.to(Upstream.SECKILL_SERVICE);
        // order-consumer owns the orders table: paying an order and a shopper's history are its.
        Hop orders = hops.to(Upstream.ORDER_CONSUMER);
        List<Endpoint> endpoints = new ArrayList<>(List.of(
                new Endpoint("purchase", POST, "/api/sales/{saleId}/purchases", seckill.url(),
                        List.of(input.purchase(), shopperLimit, globalLimit, seckill.asCaller())),
                new Endpoint("order", GET, "/api/orders/{orderId}", seckill.url(), List.of(input.orderId(), seckill.asCaller())),
                new Endpoint("sale", GET, "/api/sales/{saleId}", seckill.url(), List.of(input.saleId(), seckill.asAnyone())),
                new Endpoint("payment", POST, "/api/orders/{orderId}/payment", orders.url(), List.of(input.orderId(), orders.asCaller())),
                new Endpoint("my-orders", GET, "/api/orders", orders.url(), List.of(input.myOrders(), orders.asCaller())),
                new Endpoint("create-sale", POST, "/api/admin/sales", seckill.url(), List.of(input.createSale(), seckill.asCaller())),
                new Endpoint("list-sales", GET, "/api/admin/sales", seckill.url(), List.of(input.listSales(), seckill.asCaller())),
                new Endpoint("close-sale", POST, "/api/admin/sales/{saleId}/close", seckill.url(),
                        List.of(input.saleId(), seckill.asCaller())),
                new Endpoint("reconciliation", GET, "/api/admin/sales/{saleId}/reconciliation", seckill.url(),
                        List.of(input.saleId(), seckill.asCaller())),
                new Endpoint("repair", POST, "/api/admin/sales/{saleId}/reconciliation/repair", seckill.url(),
                        List.of(input.saleId(), seckill.asCaller()))));
        if (bench.noopEnabled()) {
            endpoints.add(new Endpoint("bench-noop", POST, "/api/bench/noop", seckill.url(),
                    List.of(input.purchaseBody(), seckill.asCaller())));
        }
        return new Endpoints(endpoints);
    }

    @Bean
    RouteLocator seckillRoutes(RouteLocatorBuilder builder, Endpoints endpoints, Hops hops) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints.all()) {
            routes.route(endpoint.id(), r -> r.method(endpoint.method()).and().path(endpoint.path())
                    .filters(f -> f.filters(endpoint.steps()))
                    .uri(endpoint.service()));
            methodsByPath.computeIfAbsent(endpoint.path(), p -> new TreeSet<>()).add(endpoint.method().name());
        }
        // The refusal never leaves the gateway; a route needs a destination all the same.
        URI nowhere = hops.to(Upstream.SECKILL_SERVICE).url();
        methodsByPath.forEach((path, methods) -> routes.route("not-allowed " + path, r -> r.order(1).path(path)
                .filters(f -> f.filter(notAllowed(methods)))
                .uri(nowhere)));
        return routes.build();
    }

    private static GatewayFilter notAllowed(Set<String> methods) {
        String allowed = String.join(", ", methods);
        return (exchange, chain) -> Mono.error(new Refusal(GatewayProblem.METHOD_NOT_ALLOWED,
                exchange.getRequest().getMethod().name() + " is not allowed here; use " + allowed)
                .header(HttpHeaders.ALLOW, allowed));
    }
}
