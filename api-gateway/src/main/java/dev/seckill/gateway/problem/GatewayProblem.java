package dev.seckill.gateway.problem;

import dev.seckill.api.ApiProblem;

/** Every kind of refusal the gateway answers itself, before or instead of seckill-service. */
public enum GatewayProblem implements ApiProblem {
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    UNAUTHENTICATED(401, "unauthenticated", "Unauthenticated"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    /** A path no route serves. */
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    /** A purchase of a sale flagged sold out, in seckill-service's words. */
    SOLD_OUT(409, "sold-out", "Sold out"),
    LENGTH_REQUIRED(411, "length-required", "Length required"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable");

    private final Kind kind;

    GatewayProblem(int status, String slug, String title) {
        this.kind = new Kind(status, slug, title);
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
