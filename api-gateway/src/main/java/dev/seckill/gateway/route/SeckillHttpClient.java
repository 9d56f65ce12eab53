package dev.seckill.gateway.route;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateway's client for the services behind it, from this project's settings ({@code seckill.gateway.*})
 * rather than Spring Cloud Gateway's own. The timeouts are set once on the client: set per route,
 * the gateway would copy the client's configuration for every request.
 */
@Configuration(proxyBeanMethods = false)
class SeckillHttpClient {

    /** The services (Tomcat) close idle connections after a minute; reusing one it just closed would fail a purchase. */
    private static final Duration MAX_IDLE = Duration.ofSeconds(30);

    @Bean
    HttpClientFactory seckillHttpClientFactory(HttpClientProperties properties, ServerProperties server,
            HttpClientSslConfigurer ssl, List<HttpClientCustomizer> customizers, RoutingProperties routing) {
        return new HttpClientFactory(properties, server, ssl, customizers) {

            @Override
            protected ConnectionProvider buildConnectionProvider(HttpClientProperties ignored) {
                // Reactor Netty keeps a pool per address: maxConnections holds for each service.
                return ConnectionProvider.builder("upstreams")
                        .maxConnections(routing.maxConnections())
                        // A request waiting for a free connection waits for the service's answer: in the
                        // first seconds of a sale thousands queue here, and a wait as short as a connect
                        // timeout turned them into 503s, counted by the breaker as a failing service.
                        .pendingAcquireTimeout(routing.readTimeout())
                        .pendingAcquireMaxCount(-1)
                        .maxIdleTime(MAX_IDLE)
                        .lifo()
                        .build();
            }

            @Override
            protected HttpClient createInstance() {
                return super.createInstance()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(routing.connectTimeout().toMillis()))
                        .responseTimeout(routing.readTimeout())
                        // Reactor Netty would send a request again once if the connection closed under it;
                        // a purchase sent twice could buy twice.
                        .disableRetry(true);
            }
        };
    }
}
