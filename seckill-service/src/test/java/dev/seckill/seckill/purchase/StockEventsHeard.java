package dev.seckill.seckill.purchase;

import dev.seckill.contract.StockEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** A subscriber of a test's own to the stock events channel: what the scripts really published. */
final class StockEventsHeard implements AutoCloseable {

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private StockEventsHeard(RedisConnectionFactory redis, Long saleId) {
        container.setConnectionFactory(redis);
        container.addMessageListener((message, pattern) -> {
            String text = new String(message.getBody(), StandardCharsets.UTF_8);
            if (saleId == null || StockEvent.parse(text).saleId() == saleId) {
                messages.add(text);
            }
        }, new ChannelTopic(StockEvent.CHANNEL));
        container.afterPropertiesSet();
    }

    /**
     * Subscribed when this returns (the container waits for Redis to confirm the subscription).
     *
     * @param saleId keep only this sale's events; {@code null} keeps all
     */
    static StockEventsHeard on(RedisConnectionFactory redis, Long saleId) {
        StockEventsHeard heard = new StockEventsHeard(redis, saleId);
        heard.container.start();
        return heard;
    }

    /** The messages in the order they arrived. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        try {
            container.destroy();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test's subscriber", e);
        }
    }
}
