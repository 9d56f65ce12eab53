package dev.seckill.seckill.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An admin endpoint that changes something: {@link AdminAudit} records every call of it, whatever the outcome. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    /** The action's name in the log line and in the metric's {@code action} tag. */
    String value();
}
