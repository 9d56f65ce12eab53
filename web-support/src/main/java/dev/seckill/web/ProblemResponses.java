package dev.seckill.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as {@code application/problem+json}. Spring's own exceptions (unsupported
 * media type, missing header, type mismatch ...) come from the base class; this adds the API's
 * refusals, says precisely what was wrong with a bad request, and keeps stack traces out of bodies.
 * Only Spring's own binding errors and {@link ApiException#invalidRequest} are 400s: an
 * {@code IllegalArgumentException} from deep inside is a bug of ours, not the client's, and is a 500.
 * Services register it with {@code @Import(ProblemResponses.class)}.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ExceptionHandler(ApiException.class)
    ProblemDetail refused(ApiException e) {
        return problem(e);
    }

    /** The body of a refusal, for a service's own handler of an exception that is not an {@link ApiException}. */
    static ProblemDetail problem(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(e.type());
        problem.setTitle(e.title());
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error while handling a request", e);
        return ProblemWriter.problem(WebProblem.INTERNAL_ERROR,
                "The request could not be completed; it is safe to retry with the same Idempotency-Key");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError field
                        ? field.getField() + ": " + field.getDefaultMessage()
                        : error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return handleExceptionInternal(ex, invalidRequest(detail), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> (error instanceof FieldError field
                                ? field.getField()
                                : parameterName(result.getMethodParameter())) + ": " + message(error)))
                .sorted()
                .collect(Collectors.joining("; "));
        return handleExceptionInternal(ex, invalidRequest(detail), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, invalidRequest(unreadableBody(ex)), headers, status, request);
    }

    /** Spring's own 400s come as {@code about:blank}; they are all invalid requests to our clients. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && statusCode.value() == 400 && ABOUT_BLANK.equals(problem.getType())) {
            problem.setType(WebProblem.INVALID_REQUEST.type());
            problem.setTitle(WebProblem.INVALID_REQUEST.title());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ProblemDetail invalidRequest(String detail) {
        return ProblemWriter.problem(WebProblem.INVALID_REQUEST, detail);
    }

    private static String unreadableBody(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "field '" + path(mismatch) + "' has the wrong type";
        }
        if (cause instanceof JsonMappingException || cause instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return "the body is not valid JSON";
        }
        return "the body is missing or unreadable";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String parameterName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return "header " + header.name();
        }
        if (header != null && !header.value().isEmpty()) {
            return "header " + header.value();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.value().isEmpty()) {
            return path.value();
        }
        return parameter.getParameterName();
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }
}
