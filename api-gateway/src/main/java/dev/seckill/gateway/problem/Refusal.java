package dev.seckill.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * A request the gateway turns away on purpose. Every step signals its refusal with one of these and
 * {@link ProblemHandler} writes it as {@code application/problem+json} with the type
 * {@code urn:seckill:problem:<slug>}. Without a stack trace: in a spike most purchases end refused,
 * and a trace for each, never read, would cost more than the check.
 */
public final class Refusal extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final HttpHeaders headers = new HttpHeaders();
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public Refusal(int status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static Refusal invalid(String detail) {
        return new Refusal(400, "invalid-request", "Invalid request", detail);
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

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
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
