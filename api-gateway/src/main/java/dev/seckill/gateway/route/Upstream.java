package dev.seckill.gateway.route;

import java.net.URI;

/**
 * The services behind the gateway. Each has its own circuit breaker, named as the service, so one
 * that fails is given time to recover without turning away the calls of the other; both share the
 * client's timeouts and connection limit and get the same internal token.
 *
 * @param shoppersName how a refusal names the service to a shopper
 */
enum Upstream {
    SECKILL_SERVICE("seckill-service", "The purchase service"),
    ORDER_CONSUMER("order-consumer", "The order service");

    private final String breaker;
    private final String shoppersName;

    Upstream(String breaker, String shoppersName) {
        this.breaker = breaker;
        this.shoppersName = shoppersName;
    }

    /** The name of its breaker instance (application.yml) and of its client spans. */
    String breaker() {
        return breaker;
    }

    String shoppersName() {
        return shoppersName;
    }

    URI url(RoutingProperties routing) {
        return switch (this) {
            case SECKILL_SERVICE -> routing.seckillServiceUrl();
            case ORDER_CONSUMER -> routing.orderConsumerUrl();
        };
    }
}
