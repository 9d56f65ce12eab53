package dev.seckill.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * The steps every simulation's shoppers take, through the public API with their own token
 * ({@code #{token}} from the feeder). Request names are the report's rows: {@code purchase},
 * {@code order status}, and the group {@code accepted}, which holds exactly one request per accepted
 * purchase (the shopper's first look at the order), so its count is the number of accepted purchases.
 * Every request goes through the simulation's {@link ConnectionBudget}.
 */
final class Shopping {

    static final String PURCHASE = "purchase";
    static final String ACCEPTED = "accepted";
    static final String ORDER_STATUS = "order status";

    private Shopping() {
    }

    /**
     * One connection pool for all shoppers, as behind a load balancer: a shopper pausing between two looks
     * at the order holds no connection. Its size is bounded by the {@link ConnectionBudget}.
     */
    static HttpProtocolBuilder protocol() {
        return http.baseUrl(LoadSettings.baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .disableCaching()
                .shareConnections();
    }

    /** POST a purchase of one unit of {@code #{saleId}}; 202 and 409 (sold out, limit) are answers, anything else fails. */
    static ChainBuilder buy(Tally tally) {
        return ConnectionBudget.limited(exec(http(PURCHASE).post("/api/sales/#{saleId}/purchases")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"quantity\":1}"))
                        .check(status().saveAs("purchaseStatus"),
                                status().in(202, 409),
                                jsonPath("$.orderId").optional().saveAs("orderId"))), tally)
                .exec(session -> {
                    tally.answered(session.contains("purchaseStatus") ? session.getInt("purchaseStatus") : 0);
                    return session;
                });
    }

    /** After an accepted purchase: look at the order, then poll it until it is no longer PENDING, at most {@code maxPolls} times. */
    static ChainBuilder pollUntilDone(Duration interval, int maxPolls, Tally tally) {
        return exec(session -> session.remove("orderStatus"))
                .doIf(session -> session.contains("orderId")).then(
                        group(ACCEPTED).on(orderStatus(tally))
                                .asLongAs(session -> isPending(session) && session.getInt("polls") < maxPolls, "polls").on(
                                        pause(interval).exec(orderStatus(tally))));
    }

    /** After an accepted purchase: poll the order {@code polls} times, {@code interval} apart, whatever its status. */
    static ChainBuilder pollRepeatedly(Duration interval, int polls, Tally tally) {
        return doIfAccepted(group(ACCEPTED).on(orderStatus(tally))
                .repeat(polls).on(pause(interval).exec(orderStatus(tally))));
    }

    private static ChainBuilder doIfAccepted(ChainBuilder then) {
        return exec(session -> session).doIf(session -> session.contains("orderId")).then(then);
    }

    static ChainBuilder orderStatus(Tally tally) {
        return ConnectionBudget.limited(exec(http(ORDER_STATUS).get("/api/orders/#{orderId}")
                .header("Authorization", "Bearer #{token}")
                .check(status().is(200), jsonPath("$.status").saveAs("orderStatus"))), tally);
    }

    private static boolean isPending(Session session) {
        return !session.contains("orderStatus") || "PENDING".equals(session.getString("orderStatus"));
    }
}
