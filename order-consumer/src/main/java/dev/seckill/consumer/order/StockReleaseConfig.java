package dev.seckill.consumer.order;

import dev.seckill.consumer.stock.StockRelease;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The stock release, given the status lifetime from this package's settings: the stock package reads
 * no settings of the order package, so the features depend on each other one way only.
 */
@Configuration(proxyBeanMethods = false)
class StockReleaseConfig {

    @Bean
    StockRelease stockRelease(StringRedisTemplate redis, ConsumerProperties properties) {
        return new StockRelease(redis, properties.statusTtl());
    }
}
