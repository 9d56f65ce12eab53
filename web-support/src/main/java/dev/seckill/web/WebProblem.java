package dev.seckill.web;

import dev.seckill.api.ApiProblem;

/** The refusals every service answers alike, whatever its own. */
public enum WebProblem implements ApiProblem {
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    /** A call without the gateway's internal token. */
    UNAUTHENTICATED(401, "unauthenticated", "Unauthenticated"),
    INTERNAL_ERROR(500, "internal-error", "Internal error");

    private final Kind kind;

    WebProblem(int status, String slug, String title) {
        this.kind = new Kind(status, slug, title);
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
