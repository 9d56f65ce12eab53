package dev.seckill.seckill.problem;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as {@code application/problem+json}. Spring's own exceptions (unreadable body,
 * type mismatch, failed validation, unsupported media type ...) are handled by the base class; this
 * adds the API's own refusals and makes sure nothing else leaks a stack trace.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final URI INVALID = ProblemType.INVALID_REQUEST.uri();
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ExceptionHandler(ApiException.class)
    ProblemDetail refused(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.type().status(), e.getMessage());
        problem.setType(e.type().uri());
        problem.setTitle(e.type().title());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(INVALID);
        problem.setTitle(ProblemType.INVALID_REQUEST.title());
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
