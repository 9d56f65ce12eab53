package dev.seckill.seckill.sale;

import dev.seckill.contract.StockEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Feeds the stock events ({@link StockEvent#CHANNEL}) into this instance's sold-out flags. One
 * subscriber connection per instance; on Redis Cluster a PUBLISH reaches the subscribers of every
 * node, so it may be any node. The container resubscribes by itself after a lost connection; the
 * events of that gap are what {@link SoldOutFlags#recheck()} is for.
 */
@Configuration(proxyBeanMethods = false)
class StockEventSubscription {

    private static final Logger log = LoggerFactory.getLogger(StockEventSubscription.class);

    @Bean
    RedisMessageListenerContainer stockEvents(RedisConnectionFactory redis, SoldOutFlags flags, MeterRegistry meters) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        // In the order Redis published them: the default executor runs each message on a thread of its
        // own, and a sale's "sold out" overtaken by its earlier "back in stock" would leave the flag off.
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(new FlagsListener(flags, meters), new ChannelTopic(StockEvent.CHANNEL));
        return container;
    }

    private static final class FlagsListener implements MessageListener {

        private final SoldOutFlags flags;
        private final Counter received;

        FlagsListener(SoldOutFlags flags, MeterRegistry meters) {
            this.flags = flags;
            this.received = Counter.builder("seckill.sale.stock.events")
                    .description("Stock events received: a sale's stock ran out or came back")
                    .register(meters);
        }

        @Override
        public void onMessage(Message message, byte[] pattern) {
            String text = new String(message.getBody(), StandardCharsets.UTF_8);
            try {
                flags.apply(StockEvent.parse(text));
                received.increment();
            } catch (IllegalArgumentException e) {
                // Someone else's message on our channel: not ours to act on, and no reason to drop the subscription.
                log.atWarn().addKeyValue("message", text).log("ignored a malformed stock event");
            }
        }
    }
}
