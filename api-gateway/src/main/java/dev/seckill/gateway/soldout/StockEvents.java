package dev.seckill.gateway.soldout;

import dev.seckill.contract.StockEvent;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The push side of the flag: seckill-service publishes on {@link StockEvent#CHANNEL} whenever a sale's
 * stock reaches zero or comes back, and every replica sets or drops its flag at once. The listener
 * runs on Lettuce's event loop and does nothing but a map operation. Lettuce subscribes again after a
 * reconnect; whatever was published in between is lost, so every (re)subscription drops all flags and
 * the next purchases ask seckill-service again.
 */
@Component
class StockEvents extends RedisPubSubAdapter<String, String> implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StockEvents.class);

    private final SoldOutFlags flags;
    private final StatefulRedisPubSubConnection<String, String> connection;

    StockEvents(RedisClient redis, SoldOutFlags flags) {
        this.flags = flags;
        this.connection = redis.connectPubSub();
        connection.addListener(this);
        // Start-up, not an event loop: waiting for the subscription here means no event is missed after it.
        connection.sync().subscribe(StockEvent.CHANNEL);
    }

    @Override
    public void message(String channel, String message) {
        StockEvent event;
        try {
            event = StockEvent.parse(message);
        } catch (IllegalArgumentException e) {
            log.debug("ignored a message on {}: {}", channel, message);
            return;
        }
        String saleId = Long.toString(event.saleId());
        if (event.soldOut()) {
            flags.confirm(saleId);
        } else {
            flags.drop(saleId);
        }
    }

    @Override
    public void subscribed(String channel, long count) {
        flags.dropAll();
    }

    @Override
    public void destroy() {
        connection.close();
    }
}
