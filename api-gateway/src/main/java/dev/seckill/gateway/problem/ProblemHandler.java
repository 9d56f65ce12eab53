package dev.seckill.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.gateway.ServerSpan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The one place an error becomes an answer: every refusal of every step, WebFlux's own (no route,
 * 404), and anything unexpected (500, logged, no detail). RFC 9457 problem details with
 * {@code type urn:seckill:problem:<slug>}, {@code title}, {@code status}, {@code detail} and
 * {@code instance}, as seckill-service writes them; never a stack trace.
 */
@Component
@Order(-2)
class ProblemHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ObjectMapper json;

    ProblemHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        Refusal refusal = asRefusal(exchange, error);
        HttpHeaders headers = response.getHeaders();
        // An error after seckill-service's answer began (its headers are copied already) must not
        // leave that answer's length or type on the problem.
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.remove(HttpHeaders.LOCATION);
        headers.putAll(refusal.headers());
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.setRawStatusCode(refusal.problem().status());
        byte[] body = body(refusal, exchange.getRequest().getPath().value());
        headers.setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    private static Refusal asRefusal(ServerWebExchange exchange, Throwable error) {
        if (error instanceof Refusal refusal) {
            return refusal;
        }
        if (error instanceof ResponseStatusException status) {
            return fromStatus(exchange, status);
        }
        return unexpected(exchange, error);
    }

    /**
     * WebFlux's own refusals, such as a path no route serves. Only those the API document lists; any
     * other status from inside is a fault of ours.
     */
    private static Refusal fromStatus(ServerWebExchange exchange, ResponseStatusException error) {
        return switch (error.getStatusCode().value()) {
            case 400 -> Refusal.invalid("the request is malformed");
            case 404 -> new Refusal(GatewayProblem.NOT_FOUND, "no such resource");
            case 405 -> new Refusal(GatewayProblem.METHOD_NOT_ALLOWED, "this method is not allowed here");
            case 413 -> new Refusal(GatewayProblem.PAYLOAD_TOO_LARGE, "the body is too large");
            case 415 -> new Refusal(GatewayProblem.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
            default -> unexpected(exchange, error);
        };
    }

    private static Refusal unexpected(ServerWebExchange exchange, Throwable error) {
        log.atError().setCause(error).addKeyValue("traceId", ServerSpan.traceId(exchange))
                .log("unexpected error while handling a request");
        return new Refusal(GatewayProblem.INTERNAL_ERROR,
                "The request could not be completed; it is safe to retry with the same Idempotency-Key");
    }

    private byte[] body(Refusal refusal, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", refusal.problem().type().toString());
        problem.put("title", refusal.problem().title());
        problem.put("status", refusal.problem().status());
        problem.put("detail", refusal.detail());
        problem.put("instance", instance);
        problem.putAll(refusal.properties());
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem could not be written as JSON", e);
        }
    }
}
