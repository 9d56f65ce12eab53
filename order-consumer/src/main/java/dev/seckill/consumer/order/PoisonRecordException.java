package dev.seckill.consumer.order;

/**
 * A record that can never be written, however often it is retried: it goes to the dead-letter
 * topic. The error handler classifies this type as not retryable.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String reason) {
        super(reason);
    }

    public PoisonRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
