package dev.seckill.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * A request the gateway turns away on purpose. Every step signals its refusal with one of these and
 * {@link ProblemHandler} writes it as {@code application/problem+json}, of one of the gateway's
 * kinds of problem. Without a stack trace: in a spike most purchases end refused,
 * and a trace for each, never read, would cost more than the check.
 */
public final class Refusal extends RuntimeException {

    private final GatewayProblem problem;
    private final HttpHeaders headers = new HttpHeaders();
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public Refusal(GatewayProblem problem, String detail) {
        super(detail, null, false, false);
        this.problem = problem;
    }

    public static Refusal invalid(String detail) {
        return new Refusal(GatewayProblem.INVALID_REQUEST, detail);
    }

    /** A header the answer carries, such as {@code Retry-After}. */
    public Refusal header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    /** A member of the problem beside type, title, status and detail. */
    public Refusal property(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public GatewayProblem problem() {
        return problem;
    }

    public String detail() {
        return getMessage();
    }

    HttpHeaders headers() {
        return headers;
    }

    Map<String, Object> properties() {
        return properties;
    }
}
