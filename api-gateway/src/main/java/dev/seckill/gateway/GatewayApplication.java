package dev.seckill.gateway;

import dev.seckill.web.internal.InternalCallerProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(InternalCallerProperties.class)
public class GatewayApplication {

    /** Reactor Netty's setting for its event loops, shared by the server and the client to seckill-service. */
    static final String EVENT_LOOPS = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        oneEventLoopPerCore();
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * Reactor Netty runs max(4, cores) event loops. On two cores the two extra loops only hand requests
     * from thread to thread: a purchase cost the gateway 0.44 ms of CPU with four loops and 0.33 ms with
     * two (benchmarks/README.md). Set before Reactor Netty reads it; an explicit -D still wins.
     */
    static void oneEventLoopPerCore() {
        if (System.getProperty(EVENT_LOOPS) == null) {
            System.setProperty(EVENT_LOOPS, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
    }
}
