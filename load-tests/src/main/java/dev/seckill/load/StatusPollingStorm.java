package dev.seckill.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * Thousands of shoppers who each bought one unit keep polling their order's status, as an app does
 * while it shows "your order is being placed", and go on after it is CREATED: status reads must stay
 * fast and must not reach MySQL.
 *
 * <p>Properties: {@code load.baseUrl}, {@code load.users} (2,000, each buys one of as many items),
 * {@code load.ramp} (10 s), {@code load.duration} (polling time per shopper, 60 s),
 * {@code load.pollInterval} (1,000 ms), {@code load.p99} (order status p99 bound, 500 ms),
 * {@code load.tokens}, {@code load.adminTokenFile}, {@code load.summary}.
 */
public class StatusPollingStorm extends Simulation {

    private final int users = LoadSettings.integer("load.users", 2_000);
    private final int stock = LoadSettings.integer("load.stock", users);
    private final Duration ramp = LoadSettings.seconds("load.ramp", 10);
    private final Duration duration = LoadSettings.seconds("load.duration", 60);
    private final Duration pollInterval = LoadSettings.millis("load.pollInterval", 1_000);
    private final int polls = (int) Math.max(1, duration.toMillis() / Math.max(1, pollInterval.toMillis()));
    private final Tally tally = new Tally();
    private volatile long saleId;

    public StatusPollingStorm() {
        ScenarioBuilder pollers = scenario("status polling storm")
                .feed(listFeeder(Shoppers.first(users)).queue())
                .exec(session -> session.set("saleId", saleId))
                .exec(Shopping.buy(tally))
                .exec(Shopping.pollRepeatedly(pollInterval, polls, tally));
        setUp(pollers.injectOpen(rampUsers(users).during(ramp)))
                .protocols(Shopping.protocol())
                .maxDuration(ramp.plus(pollInterval.multipliedBy(polls)).multipliedBy(2).plusSeconds(60))
                .assertions(
                        global().failedRequests().count().is(0L),
                        details(Shopping.ORDER_STATUS).responseTime().percentile(99.0).lt(LoadSettings.p99Millis(500)),
                        details(Shopping.ACCEPTED).allRequests().count().lte((long) stock));
    }

    @Override
    public void before() {
        saleId = Admin.openSale("Status polling storm", stock, Duration.ofHours(1));
        System.out.printf("Sale %d open: %,d shoppers buy within %d s, then poll every %d ms, %d times%n", saleId, users,
                ramp.toSeconds(), pollInterval.toMillis(), polls);
    }

    @Override
    public void after() {
        tally.report(getClass().getSimpleName(), List.of(saleId), stock, users);
    }
}
