package dev.seckill.gateway.soldout;

import dev.seckill.gateway.input.Inputs;
import dev.seckill.gateway.problem.GatewayProblem;
import dev.seckill.gateway.problem.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers purchases of a flagged sale with seckill-service's own 409 sold-out problem, and flags a
 * sale when seckill-service answers one of its purchases that way. It runs in Spring Security's
 * chain after the security headers and CORS and before the token is checked
 * ({@code identity.IdentityConfig}): once a sale is sold out nearly every purchase gets this answer,
 * and verifying a new shopper's signature would cost more than all the rest of it. The answer says
 * nothing the sale's public page does not. A purchase with an {@code Idempotency-Key} always goes
 * through: it may be a shopper retrying a purchase whose answer was lost, who must get the original
 * order back.
 */
@Component
public class SoldOutFilter {

    private static final String SOLD_OUT_TYPE = GatewayProblem.SOLD_OUT.type().toString();
    private static final String PREFIX = "/api/sales/";
    private static final String SUFFIX = "/purchases";

    private final SoldOutFlags flags;
    private final Counter answered;

    SoldOutFilter(SoldOutFlags flags, MeterRegistry meters) {
        this.flags = flags;
        this.answered = Counter.builder("gateway.soldout.refusals")
                .description("Purchases answered sold out by the gateway itself, without a call to seckill-service")
                .register(meters);
    }

    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String saleId = purchasedSale(exchange.getRequest());
        if (saleId == null) {
            return chain.filter(exchange);
        }
        boolean replay = exchange.getRequest().getHeaders().containsKey(Inputs.IDEMPOTENCY_KEY);
        if (!replay && flags.isSoldOut(saleId)) {
            answered.increment();
            return Mono.error(new Refusal(GatewayProblem.SOLD_OUT, "Sale " + saleId + " is sold out"));
        }
        return chain.filter(exchange.mutate().response(new AnswerWatch(exchange.getResponse(), saleId)).build());
    }

    /**
     * The sale id of a purchase's path, as written; {@code null} for any other request. Only ids that
     * seckill-service or a stock event named are ever flagged, so an odd one simply is not.
     */
    private static String purchasedSale(ServerHttpRequest request) {
        String path = request.getPath().value();
        if (!HttpMethod.POST.equals(request.getMethod()) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        return path.substring(PREFIX.length(), path.length() - SUFFIX.length());
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
