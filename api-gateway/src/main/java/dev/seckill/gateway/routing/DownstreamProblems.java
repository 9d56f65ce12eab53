package dev.seckill.gateway.routing;

import dev.seckill.web.ProblemWriter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;

/** seckill-service did not connect or answer in time, or has failed so often the breaker is open: a 503 problem. */
@RestControllerAdvice
class DownstreamProblems {

    private static final Logger log = LoggerFactory.getLogger(DownstreamProblems.class);

    /** Logged with its cause, so an operator can tell a connect timeout (service overloaded or gone) from a read timeout. */
    @ExceptionHandler(ResourceAccessException.class)
    ProblemDetail unavailable(ResourceAccessException e) {
        log.atWarn().addKeyValue("cause", e.getMostSpecificCause().toString()).log("call to seckill-service failed");
        return problem("The purchase service did not answer in time; try again shortly with the same Idempotency-Key");
    }

    /** Answered at once, without a call: the service is given time to recover. */
    @ExceptionHandler(CallNotPermittedException.class)
    ResponseEntity<ProblemDetail> breakerOpen(CallNotPermittedException e) {
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem("The purchase service is failing and gets a moment to recover; try again in a few seconds"));
    }

    private static ProblemDetail problem(String detail) {
        return ProblemWriter.problem(503, "service-unavailable", "Service unavailable", detail);
    }
}
