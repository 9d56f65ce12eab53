package dev.seckill.gateway.route;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * A call to a service behind the gateway that got no answer: refused, not connected in time, timed
 * out waiting for the answer, or cut off. The circuit breakers count only these (application.yml);
 * any answer, a 4xx or a 409 too, is an answer.
 */
public final class NoAnswer extends RuntimeException {

    NoAnswer(Throwable cause) {
        super(cause.toString(), cause, false, false);
    }

    static boolean isNoAnswer(Throwable error) {
        return error instanceof IOException
                || error instanceof TimeoutException
                || error instanceof io.netty.handler.timeout.TimeoutException;
    }
}
