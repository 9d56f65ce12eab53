package dev.seckill.gateway.identity;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The port the actuator listens on when it has one of its own ({@code management.server.port}),
 * as the server actually bound it.
 */
@Component
class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    boolean isSeparateAndServes(ServerWebExchange exchange) {
        var local = exchange.getRequest().getLocalAddress();
        return port > 0 && local != null && local.getPort() == port;
    }
}
