package dev.seckill.gateway.input;

import dev.seckill.api.CreateSaleRequest;
import dev.seckill.api.PlainTokens;
import dev.seckill.api.PurchaseRequest;
import dev.seckill.gateway.problem.Refusal;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The input step of each route. Every id, header, query parameter and body is checked with the rules
 * seckill-service applies, so a malformed request never costs a downstream call; what passes is sent
 * on rebuilt from the checked values, never as the client's bytes.
 */
@Component
public class Inputs {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern SALE_LIST_LIMIT = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern ORDER_LIST_LIMIT = Pattern.compile("[1-9][0-9]?|100");

    private final JsonBodies bodies;

    Inputs(JsonBodies bodies) {
        this.bodies = bodies;
    }

    public GatewayFilter purchase() {
        return new InputFilter(exchange -> {
            saleId(exchange);
            String key = exchange.getRequest().getHeaders().getFirst(IDEMPOTENCY_KEY);
            if (key != null && !PlainTokens.isValid(key)) {
                throw Refusal.invalid("header " + IDEMPOTENCY_KEY + ": " + PlainTokens.RULE);
            }
            return bodies.read(exchange.getRequest(), PurchaseRequest.class)
                    .map(purchase -> new Checked(bodies.write(purchase), key, null));
        });
    }

    /** A purchase's body alone: the bench's no-op route, which has no sale. */
    public GatewayFilter purchaseBody() {
        return new InputFilter(exchange -> bodies.read(exchange.getRequest(), PurchaseRequest.class)
                .map(purchase -> new Checked(bodies.write(purchase), null, null)));
    }

    public GatewayFilter createSale() {
        return new InputFilter(exchange -> bodies.read(exchange.getRequest(), CreateSaleRequest.class)
                .map(sale -> new Checked(bodies.write(sale), null, null)));
    }

    public GatewayFilter saleId() {
        return new InputFilter(exchange -> {
            saleId(exchange);
            return nothingElse(exchange);
        });
    }

    public GatewayFilter orderId() {
        return new InputFilter(exchange -> {
            Ids.orderId("orderId", ServerWebExchangeUtils.getUriTemplateVariables(exchange).get("orderId"));
            return nothingElse(exchange);
        });
    }

    public GatewayFilter listSales() {
        return new InputFilter(exchange -> {
            String limit = parameter(exchange.getRequest(), "limit", "50");
            Ids.require(SALE_LIST_LIMIT, "limit", limit, "must be between 1 and 999");
            bodies.checkFraming(exchange.getRequest());
            return Mono.just(new Checked(null, null, "limit=" + limit));
        });
    }

    /** The shopper's own orders: {@code mine} is required, so no other listing is reachable by leaving it out. */
    public GatewayFilter myOrders() {
        return new InputFilter(exchange -> {
            ServerHttpRequest request = exchange.getRequest();
            if (!request.getQueryParams().containsKey("mine")) {
                throw Refusal.invalid("mine: the query parameter is required");
            }
            String limit = parameter(request, "limit", "20");
            Ids.require(ORDER_LIST_LIMIT, "limit", limit, "must be between 1 and 100");
            String before = request.getQueryParams().getFirst("before");
            if (before != null) {
                Ids.orderId("before", before);
            }
            bodies.checkFraming(request);
            return Mono.just(new Checked(null, null, "mine&limit=" + limit + (before == null ? "" : "&before=" + before)));
        });
    }

    private static void saleId(ServerWebExchange exchange) {
        Ids.saleId("saleId", ServerWebExchangeUtils.getUriTemplateVariables(exchange).get("saleId"));
    }

    private Mono<Checked> nothingElse(ServerWebExchange exchange) {
        bodies.checkFraming(exchange.getRequest());
        return Mono.just(Checked.NOTHING);
    }

    private static String parameter(ServerHttpRequest request, String name, String fallback) {
        MultiValueMap<String, String> parameters = request.getQueryParams();
        String value = parameters.getFirst(name);
        return value == null ? fallback : value;
    }
}
