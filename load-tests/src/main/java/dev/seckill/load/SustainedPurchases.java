package dev.seckill.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Many sales open at once and shoppers arrive at a constant rate for minutes; shopper {@code i} buys
 * in sale {@code i mod sales}, so the sales sell evenly, then polls the order until CREATED.
 *
 * <p>Properties: {@code load.baseUrl}, {@code load.sales} (10), {@code load.rate} (shoppers per second,
 * 200), {@code load.duration} (180 s), {@code load.stock} (per sale; by default enough for every
 * shopper), {@code load.pollInterval} (1,000 ms), {@code load.maxPolls} (60), {@code load.p99}
 * (purchase p99 bound, 1,000 ms), {@code load.tokens}, {@code load.adminTokenFile}, {@code load.summary}.
 * Needs {@code rate × duration} distinct shoppers' tokens.
 */
public class SustainedPurchases extends Simulation {

    private final int sales = LoadSettings.integer("load.sales", 10);
    private final double rate = LoadSettings.doubleValue("load.rate", 200);
    private final Duration duration = LoadSettings.seconds("load.duration", 180);
    private final int shoppers = (int) Math.ceil(rate * duration.toMillis() / 1000.0);
    private final int stockPerSale = LoadSettings.integer("load.stock", (shoppers + sales - 1) / sales);
    private final Duration pollInterval = LoadSettings.millis("load.pollInterval", 1_000);
    private final int maxPolls = LoadSettings.integer("load.maxPolls", 60);
    private final Tally tally = new Tally();
    private final List<Long> saleIds = Collections.synchronizedList(new ArrayList<>());

    public SustainedPurchases() {
        List<Map<String, Object>> records = new ArrayList<>();
        List<Map<String, Object>> tokens = Shoppers.first(shoppers);
        for (int i = 0; i < tokens.size(); i++) {
            records.add(Map.of("userId", tokens.get(i).get("userId"), "token", tokens.get(i).get("token"), "sale", i % sales));
        }
        ScenarioBuilder buyers = scenario("sustained purchases")
                .feed(listFeeder(records).queue())
                .exec(session -> session.set("saleId", saleIds.get(session.getInt("sale"))))
                .exec(Shopping.buy(tally))
                .exec(Shopping.pollUntilDone(pollInterval, maxPolls, tally));
        setUp(buyers.injectOpen(constantUsersPerSec(rate).during(duration)))
                .protocols(Shopping.protocol())
                .maxDuration(duration.plus(pollInterval.multipliedBy(maxPolls)).plusSeconds(120))
                .assertions(
                        global().failedRequests().count().is(0L),
                        details(Shopping.PURCHASE).responseTime().percentile(99.0).lt(LoadSettings.p99Millis(1_000)),
                        details(Shopping.ACCEPTED).allRequests().count().lte((long) stockPerSale * sales));
    }

    @Override
    public void before() {
        for (int i = 0; i < sales; i++) {
            saleIds.add(Admin.openSale("Sustained sale " + (i + 1), stockPerSale, duration.plusHours(1)));
        }
        System.out.printf("%d sales open with %,d items each; %.0f shoppers/s for %d s%n", sales, stockPerSale, rate,
                duration.toSeconds());
    }

    @Override
    public void after() {
        tally.report(getClass().getSimpleName(), List.copyOf(saleIds), (long) stockPerSale * sales, shoppers);
    }
}
