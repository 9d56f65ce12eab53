package dev.seckill.gateway;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound before any test of this module runs (registered in META-INF/services), so that
 * a blocking call on a non-blocking thread (Reactor Netty's and Lettuce's event loops, Reactor's
 * parallel schedulers) fails the request, and with it the test, instead of stalling every connection
 * of that loop in production. Reactor's and Netty's own integrations come along through the service
 * loader. Allowed beyond those:
 *
 * <ul>
 *   <li>Logback writing a line to the console: the gateway logs on its event loops only for rare
 *       events (a Redis outage begins or ends, seckill-service does not answer), never per request,
 *       and a console write is a short write to a pipe.</li>
 *   <li>Lettuce handing a command to its connection: {@code SharedLock.incrementWriters} takes a lock
 *       around a counter increment (so a reconnect can wait for writers to finish). When two event
 *       loops send on the gateway's one Redis connection at the same moment, one parks for the
 *       nanoseconds of that increment; nothing waits for Redis itself.</li>
 * </ul>
 */
public class BlockHoundInstaller implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        // install(...), not builder().install(): only the former loads Reactor's and Netty's integrations.
        BlockHound.install(builder -> builder
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters"));
    }
}
