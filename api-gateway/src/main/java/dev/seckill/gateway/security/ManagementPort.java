package dev.seckill.gateway.security;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

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

    boolean isSeparateAndIs(int localPort) {
        return port > 0 && localPort == port;
    }
}
