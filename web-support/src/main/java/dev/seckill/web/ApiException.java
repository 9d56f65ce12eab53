package dev.seckill.web;

import dev.seckill.api.ApiProblem;
import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses on purpose. It leaves as a problem of one of the API's kinds
 * ({@link ApiProblem}), so clients can tell refusals apart without parsing text.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final URI type;
    private final String title;

    public ApiException(ApiProblem problem, String detail) {
        // A refusal is an answer, not a fault: in a spike most purchases end as "sold out", and a stack
        // trace for each, never read, would cost more than the decision itself.
        super(detail, null, false, false);
        this.status = HttpStatus.valueOf(problem.status());
        this.type = problem.type();
        this.title = problem.title();
    }

    /**
     * A request the code refuses as malformed ({@code 400 invalid-request}), saying what was wrong. The
     * only way code makes a 400: any other exception is a fault of ours and leaves as a 500 that says
     * nothing of its cause.
     */
    public static ApiException invalidRequest(String detail) {
        return new ApiException(WebProblem.INVALID_REQUEST, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }
}
