package dev.seckill.consumer.order;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * The log lines of some loggers, each with the MDC it was logged under. The MDC is copied when the
 * line is logged, on the logging thread: logback would otherwise copy it when first asked, from the
 * asking thread.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One log line: its formatted message and its MDC. */
    record Line(String message, Map<String, String> mdc) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers;
    private final List<Level> levelsBefore;

    private CapturedLogs(List<Logger> loggers, Level level) {
        this.loggers = loggers;
        this.levelsBefore = loggers.stream().map(Logger::getLevel).toList();
        start();
        loggers.forEach(logger -> {
            logger.setLevel(level);
            logger.addAppender(this);
        });
    }

    /** Captures the lines of these classes' loggers at {@code level} and above until closed. */
    static CapturedLogs of(Level level, Class<?>... classes) {
        List<Logger> loggers = Arrays.stream(classes).map(type -> (Logger) LoggerFactory.getLogger(type)).toList();
        return new CapturedLogs(loggers, level);
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(new Line(event.getFormattedMessage(), new HashMap<>(event.getMDCPropertyMap())));
    }

    /** The lines logged with this order id in the MDC so far. */
    List<Line> ofOrder(String orderId) {
        return lines.stream().filter(line -> orderId.equals(line.mdc().get(OrderTraces.MDC_ORDER_ID))).toList();
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(this);
            loggers.get(i).setLevel(levelsBefore.get(i));
        }
        stop();
    }
}
