package dev.seckill.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sale opens and {@code load.users} distinct shoppers arrive within {@code load.ramp} seconds (open
 * model: they come whether or not the platform keeps up). Each buys one unit once, and if accepted
 * polls the order every {@code load.pollInterval} ms until it is CREATED (or FAILED), at most
 * {@code load.maxPolls} times.
 *
 * <p>Properties: {@code load.baseUrl}, {@code load.users} (1,000), {@code load.stock} (half the users),
 * {@code load.ramp} (5 s), {@code load.pollInterval} (1,000 ms), {@code load.maxPolls} (120),
 * {@code load.p99} (purchase p99 bound, 2,000 ms), {@code load.tokens}, {@code load.adminTokenFile},
 * {@code load.summary}, {@code load.firstShopper} (0: the first line of {@code load.tokens}), {@code load.maxConnections} (requests in flight at once, 5,000; see {@link ConnectionBudget}).
 * Assertions: no failed request (no 5xx, no 429, no timeout), purchase p99
 * under the bound, accepted purchases at most the stock.
 */
public class FlashSaleSpike extends Simulation {

    private final boolean noop;
    private final int users = LoadSettings.integer("load.users", 1_000);
    private final int stock = LoadSettings.integer("load.stock", Math.max(1, users / 2));
    private final Duration ramp = LoadSettings.seconds("load.ramp", 5);
    private final Duration pollInterval = LoadSettings.millis("load.pollInterval", 1_000);
    private final int maxPolls = LoadSettings.integer("load.maxPolls", 120);
    private final Tally tally = new Tally();
    private volatile long saleId;

    public FlashSaleSpike() {
        this(false);
    }

    /**
     * @param noop shoppers POST to the no-op endpoint (on only when seckill.bench.noop-enabled is set):
     *     the same gateway hop to the same service, with nothing decided; no sale, no polling
     */
    protected FlashSaleSpike(boolean noop) {
        this.noop = noop;
        ChainBuilder shop = noop
                ? ConnectionBudget.limited(exec(http("no-op").post("/api/bench/noop")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"quantity\":1}"))
                        .check(status().saveAs("purchaseStatus"), status().is(202))), tally)
                .exec(session -> {
                    tally.answered(session.contains("purchaseStatus") ? session.getInt("purchaseStatus") : 0);
                    return session;
                })
                : exec(session -> session.set("saleId", saleId))
                        .exec(Shopping.buy(tally))
                        .exec(Shopping.pollUntilDone(pollInterval, maxPolls, tally));
        ScenarioBuilder shoppers = scenario(noop ? "no-op spike" : "flash sale")
                .feed(listFeeder(Shoppers.first(users)).queue())
                .exec(shop);
        List<Assertion> assertions = new ArrayList<>(List.of(
                global().failedRequests().count().is(0L),
                details(noop ? "no-op" : Shopping.PURCHASE).responseTime().percentile(99.0).lt(LoadSettings.p99Millis(2_000))));
        if (!noop) {
            assertions.add(details(Shopping.ACCEPTED).allRequests().count().lte((long) stock));
        }
        setUp(shoppers.injectOpen(rampUsers(users).during(ramp)))
                .protocols(Shopping.protocol())
                .maxDuration(ramp.plus(pollInterval.multipliedBy(maxPolls)).plusSeconds(120))
                .assertions(assertions);
    }

    @Override
    public void before() {
        if (!noop) {
            saleId = Admin.openSale("Flash sale spike", stock, Duration.ofHours(1));
            System.out.printf("Sale %d open: %,d items, %,d shoppers arriving within %.1f s%n", saleId, stock, users,
                    ramp.toMillis() / 1000.0);
        }
    }

    @Override
    public void after() {
        tally.report(getClass().getSimpleName(), noop ? List.of() : List.of(saleId), noop ? 0 : stock, users);
    }
}
