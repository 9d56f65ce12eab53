package dev.seckill.gateway.input;

import dev.seckill.gateway.Steps;
import java.util.function.Function;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A route's input step: its check either refuses the request or says what may be sent on. */
final class InputFilter implements GatewayFilter, Ordered {

    private final Function<ServerWebExchange, Mono<Checked>> check;

    InputFilter(Function<ServerWebExchange, Mono<Checked>> check) {
        this.check = check;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return check.apply(exchange).flatMap(checked -> {
            checked.putInto(exchange);
            return chain.filter(exchange);
        });
    }

    @Override
    public int getOrder() {
        return Steps.INPUT;
    }
}
