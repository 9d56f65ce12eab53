package dev.seckill.gateway.routing;

import dev.seckill.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;

/** seckill-service did not connect or answer in time: the shopper gets a 503 problem at once. */
@RestControllerAdvice
class DownstreamProblems {

    @ExceptionHandler(ResourceAccessException.class)
    ProblemDetail unavailable(ResourceAccessException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The purchase service did not answer in time; try again shortly with the same Idempotency-Key");
        problem.setType(ProblemResponses.type("service-unavailable"));
        problem.setTitle("Service unavailable");
        return problem;
    }
}
