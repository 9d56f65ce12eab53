package dev.seckill.gateway.problem;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error the gateway itself produces leaves as {@code application/problem+json}. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final URI INVALID = URI.create("urn:seckill:problem:invalid-request");
    private static final URI UNAVAILABLE = URI.create("urn:seckill:problem:service-unavailable");
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    /** seckill-service did not connect or answer in time. */
    @ExceptionHandler(ResourceAccessException.class)
    ProblemDetail unavailable(ResourceAccessException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The purchase service did not answer in time; try again shortly");
        problem.setType(UNAVAILABLE);
        problem.setTitle("Service unavailable");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && status.value() == 400 && ABOUT_BLANK.equals(problem.getType())) {
            problem.setType(INVALID);
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }
}
