package dev.seckill.gateway.soldout;

import dev.seckill.gateway.Steps;
import dev.seckill.gateway.input.Inputs;
import dev.seckill.gateway.problem.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers purchases of a flagged sale with seckill-service's own 409 sold-out problem, without
 * reading the body, touching Redis or calling downstream; and flags a sale when seckill-service
 * answers one of its purchases that way. A purchase with an {@code Idempotency-Key} always goes
 * through: it may be a shopper retrying a purchase whose answer was lost, who must get the original
 * order back.
 */
@Component
public class SoldOutFilter implements GatewayFilter, Ordered {

    private static final String SOLD_OUT_TYPE = "urn:seckill:problem:sold-out";

    private final SoldOutFlags flags;
    private final Counter answered;

    SoldOutFilter(SoldOutFlags flags, MeterRegistry meters) {
        this.flags = flags;
        this.answered = Counter.builder("gateway.soldout.refusals")
                .description("Purchases answered sold out by the gateway itself, without a call to seckill-service")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String saleId = ServerWebExchangeUtils.getUriTemplateVariables(exchange).get("saleId");
        boolean replay = exchange.getRequest().getHeaders().containsKey(Inputs.IDEMPOTENCY_KEY);
        if (!replay && flags.isSoldOut(saleId)) {
            answered.increment();
            return Mono.error(new Refusal(409, "sold-out", "Sold out", "Sale " + saleId + " is sold out"));
        }
        return chain.filter(exchange.mutate().response(new AnswerWatch(exchange.getResponse(), saleId)).build());
    }

    @Override
    public int getOrder() {
        return Steps.SOLD_OUT;
    }

    /** Looks into 409 answers only, and those are small: a problem. */
    private final class AnswerWatch extends ServerHttpResponseDecorator {

        private final String saleId;

        AnswerWatch(ServerHttpResponse delegate, String saleId) {
            super(delegate);
            this.saleId = saleId;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (getStatusCode() == null || getStatusCode().value() != 409) {
                return super.writeWith(body);
            }
            return DataBufferUtils.join(body).flatMap(answer -> {
                if (answer.toString(StandardCharsets.UTF_8).contains(SOLD_OUT_TYPE)) {
                    flags.confirm(saleId);
                }
                return super.writeWith(Mono.just(answer));
            });
        }
    }
}
