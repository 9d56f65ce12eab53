package dev.seckill.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A Redis or database that cannot be reached (refused, reset) or does not answer within its timeout
 * is a 503 the shopper may retry, not a 500: nothing of ours is broken, and with the same
 * Idempotency-Key a retry gets the order a lost answer was about. Ahead of {@link ProblemResponses},
 * whose catch-all would otherwise take these first.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ServerUnreachable {

    private static final Logger log = LoggerFactory.getLogger(ServerUnreachable.class);
    /** About as long as a partition that heals by itself takes; longer outages are the breaker's and the alerts' business. */
    private static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler({DataAccessResourceFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.atWarn().addKeyValue("cause", e.getClass().getSimpleName() + ": " + e.getMessage())
                .log("a server this service needs did not answer");
        ProblemDetail problem = ProblemResponses.problem(ProblemType.SERVICE_UNAVAILABLE.exception(
                "A server behind this service did not answer in time; try again shortly with the same Idempotency-Key"));
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }
}
