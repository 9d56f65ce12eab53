package dev.seckill.load;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * At most {@code load.maxConnections} (5,000) requests of a simulation in flight at once, which bounds the
 * sockets Gatling holds. Its shared connection pool opens a connection for every request that finds no idle
 * one and has no upper bound of its own ({@code maxConnectionsPerHost} only limits the fetching of a page's
 * resources), so in an open model a platform that falls behind used to make Gatling hold one socket per
 * waiting shopper until the open-files limit of its process failed them ("Too many open files") before they
 * reached the platform. A connection is only ever opened for a request in flight and each of Gatling's event
 * loops (one per core) pools its own, so Gatling never holds more than the budget times its event loops.
 *
 * <p>A shopper whose request finds the budget spent waits, backing off, until one is answered. Gatling's
 * response times do not include that wait, so every request that waited is counted ({@link Tally}), and
 * bin/seckill bench fails the service level when any did.
 */
final class ConnectionBudget {

    private static final int MAX_IN_FLIGHT = LoadSettings.integer("load.maxConnections", 5_000);
    private static final Semaphore IN_FLIGHT = new Semaphore(MAX_IN_FLIGHT);
    private static final String WAITS = "connectionWaits";
    private static final long FIRST_BACK_OFF_MS = 10;
    private static final long LONGEST_BACK_OFF_MS = 500;

    private ConnectionBudget() {
    }

    static int max() {
        return MAX_IN_FLIGHT;
    }

    /** {@code request} once a request may be in flight; the budget is given back whether it succeeded or not. */
    static ChainBuilder limited(ChainBuilder request, Tally tally) {
        return exec(session -> session.remove("waitedForConnection"))
                .asLongAs(session -> !IN_FLIGHT.tryAcquire(), WAITS).on(
                        exec(session -> session.set("waitedForConnection", true))
                                .pause(session -> backOff(session.getInt(WAITS))))
                .exec(session -> {
                    if (session.contains("waitedForConnection")) {
                        tally.waitedForConnection();
                    }
                    return session;
                })
                .exec(request)
                .exec(session -> {
                    IN_FLIGHT.release();
                    return session;
                });
    }

    /** Doubling pauses: few wake-ups for a shopper who waits long, a quick retry for one who waits little. */
    private static Duration backOff(int waits) {
        return Duration.ofMillis(Math.min(LONGEST_BACK_OFF_MS, FIRST_BACK_OFF_MS << Math.min(waits, 10)));
    }
}
