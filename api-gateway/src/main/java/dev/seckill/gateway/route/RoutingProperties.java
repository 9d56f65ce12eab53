package dev.seckill.gateway.route;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services behind the gateway and how they are called; the timeouts and the connection limit hold
 * for each of them.
 *
 * @param seckillServiceUrl where seckill-service listens (sales, purchases, an order's status, the admin's calls)
 * @param orderConsumerUrl where order-consumer listens (payment, a shopper's history)
 * @param connectTimeout how long to wait for a connection to a service
 * @param readTimeout how long to wait for its answer. A purchase's decision takes milliseconds, but in the first
 *     second of a sale requests queue; a purchase that times out may still have been accepted, so
 *     this is generous rather than tight, and shoppers retry with the same Idempotency-Key
 * @param maxConnections how many connections the gateway keeps to each service at most, i.e. calls in
 *     flight at once, per gateway replica; the rest wait up to {@code readTimeout} for a connection.
 *     Above what the service answers, more connections only lengthen its queue
 */
@ConfigurationProperties("seckill.gateway")
public record RoutingProperties(
        @DefaultValue("http://127.0.0.1:8081") URI seckillServiceUrl,
        @DefaultValue("http://127.0.0.1:8082") URI orderConsumerUrl,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("256") int maxConnections) {
}
