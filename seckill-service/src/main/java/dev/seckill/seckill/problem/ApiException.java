package dev.seckill.seckill.problem;

/** A request the API refuses on purpose; rendered as RFC 9457 problem details. */
public class ApiException extends RuntimeException {

    private final ProblemType type;

    public ApiException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
