package dev.seckill.bench.naive;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A baseline, not product code: the flash sale a reader of the usual articles would build, as one plain Spring MVC
 * service. {@code DECR} the stock in Redis, {@code INCR} it back when it went below zero, send the order to Kafka
 * without waiting for the broker, answer 202. Run by bin/seckill bench as its own process against the bench
 * platform's Redis and Kafka; its settings are in {@code naive-seckill.yml} (its own name: the services' jars on
 * the same classpath bring their {@code application.yml}).
 */
@SpringBootApplication
public class NaiveSeckillApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(NaiveSeckillApplication.class).properties("spring.config.name=naive-seckill").run(args);
    }

    /** The Redis key of a sale's stock, which the bench sets before a run. */
    public static String stockKey(long saleId) {
        return "naive:{" + saleId + "}:stock";
    }

    /** One connection shared by every request thread, as Spring Data Redis' Lettuce factory shares its own. */
    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> redis(@Value("${naive.redis.host}") String host, @Value("${naive.redis.port}") int port) {
        return RedisClient.create(RedisURI.create(host, port)).connect();
    }
}
