package dev.seckill.web;

import dev.seckill.api.ApiProblem;

/** The refusals every service answers alike, whatever its own. */
public enum WebProblem implements ApiProblem {
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    /** A call without the gateway's internal token. */
    UNAUTHENTICATED(401, "unauthenticated", "Unauthenticated"),
    INTERNAL_ERROR(500, "internal-error", "Internal error");

    private final int status;
    private final String slug;
    private final String title;

    WebProblem(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
