package dev.seckill.gateway.route;

import dev.seckill.gateway.ServerSpan;
import dev.seckill.gateway.Steps;
import dev.seckill.gateway.input.Checked;
import dev.seckill.gateway.input.Inputs;
import dev.seckill.gateway.problem.GatewayProblem;
import dev.seckill.gateway.problem.Refusal;
import dev.seckill.web.internal.InternalCallerProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.net.URI;
import java.security.Principal;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The call to a service behind the gateway ({@link Upstream}). It carries only what the gateway itself
 * decided: the checked body, the verified caller as {@code X-User-Id}, a valid {@code Idempotency-Key},
 * the trace context and the internal token, the mark of a call that came through this gateway. None of
 * the client's headers goes on. Behind the service's own circuit breaker: while it is open a call is
 * answered 503 at once, giving the service time to recover.
 *
 * <p>Nothing is retried here. A purchase sent twice could buy twice unless it carries an
 * Idempotency-Key, and with one the shopper's own retry is just as safe; retrying GETs would only
 * add load to a service that is already slow.
 */
final class Hop {

    static final String USER_ID = "X-User-Id";
    private static final Logger log = LoggerFactory.getLogger(Hop.class);

    private final Upstream upstream;
    private final URI url;
    private final CircuitBreaker breaker;
    private final String internalToken;
    private final HopTrace trace;

    Hop(Upstream upstream, URI url, CircuitBreaker breaker, String internalToken, HopTrace trace) {
        this.upstream = upstream;
        this.url = url;
        this.breaker = breaker;
        this.internalToken = internalToken;
        this.trace = trace;
    }

    /** Where the service listens: the route's destination. */
    URI url() {
        return url;
    }

    /**
     * For a caller with a token, a shopper or an admin: the service learns who it is from
     * {@code X-User-Id}, a shopper's orders by it, an admin's actions in its audit log.
     */
    GatewayFilter asCaller() {
        return new OrderedGatewayFilter((exchange, chain) -> exchange.getPrincipal()
                .map(Principal::getName)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("a caller's route without a caller")))
                .flatMap(caller -> call(exchange, caller, chain::filter)), Steps.HOP);
    }

    /** For calls that are nobody's in particular: reading a sale. */
    GatewayFilter asAnyone() {
        return new OrderedGatewayFilter((exchange, chain) -> call(exchange, null, chain::filter), Steps.HOP);
    }

    private Mono<Void> call(ServerWebExchange exchange, String caller,
            Function<ServerWebExchange, Mono<Void>> onward) {
        Checked checked = Checked.of(exchange);
        HttpHeaders headers = new HttpHeaders();
        if (checked.body() != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            headers.setContentLength(checked.body().length);
        }
        if (caller != null) {
            headers.set(USER_ID, caller);
        }
        if (checked.idempotencyKey() != null) {
            headers.set(Inputs.IDEMPOTENCY_KEY, checked.idempotencyKey());
        }
        headers.set(InternalCallerProperties.HEADER, internalToken);
        ServerWebExchange downstream = exchange.mutate().request(new Downstream(exchange.getRequest(), headers, checked)).build();
        return trace.around(exchange, headers, upstream.breaker(), () -> onward.apply(downstream))
                .onErrorMap(NoAnswer::isNoAnswer, NoAnswer::new)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(CallNotPermittedException.class, e -> new Refusal(GatewayProblem.SERVICE_UNAVAILABLE,
                        upstream.shoppersName() + " is failing and gets a moment to recover; try again in a few seconds")
                        .header(HttpHeaders.RETRY_AFTER, "5"))
                .onErrorMap(NoAnswer.class, e -> unavailable(exchange, e));
    }

    /** Logged with its cause, so an operator can tell a refused connection (service gone) from a timeout (overloaded). */
    private Refusal unavailable(ServerWebExchange exchange, NoAnswer e) {
        log.atWarn().addKeyValue("upstream", upstream.breaker()).addKeyValue("cause", e.getMessage())
                .addKeyValue("traceId", ServerSpan.traceId(exchange)).log("call to " + upstream.breaker() + " failed");
        return new Refusal(GatewayProblem.SERVICE_UNAVAILABLE,
                upstream.shoppersName() + " did not answer in time; try again shortly with the same Idempotency-Key");
    }

    /** The client's request as the service is to see it. */
    private static final class Downstream extends ServerHttpRequestDecorator {

        private final HttpHeaders headers;
        private final Checked checked;
        private final URI uri;

        Downstream(ServerHttpRequest client, HttpHeaders headers, Checked checked) {
            super(client);
            this.headers = headers;
            this.checked = checked;
            this.uri = checked.query() == null
                    ? client.getURI()
                    : UriComponentsBuilder.fromUri(client.getURI()).replaceQuery(checked.query()).build(true).toUri();
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public URI getURI() {
            return uri;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return checked.body() == null ? Flux.empty() : Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(checked.body()));
        }
    }
}
