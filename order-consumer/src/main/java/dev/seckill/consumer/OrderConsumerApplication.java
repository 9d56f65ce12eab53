package dev.seckill.consumer;

import dev.seckill.web.ProblemResponses;
import dev.seckill.web.ServerUnreachable;
import dev.seckill.web.internal.InternalCallers;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Reads accepted orders from Kafka and makes them durable in MySQL, and owns them from then on:
 * cancels the unpaid ones and answers, behind the gateway, the shopper's payment and history.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ProblemResponses.class, ServerUnreachable.class, InternalCallers.class})
@EnableScheduling
public class OrderConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderConsumerApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
