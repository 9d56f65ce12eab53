package dev.seckill.bench.naive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.contract.OrderId;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole purchase of the naive design. What it gets wrong is the point: the send is fire-and-forget, so an
 * order whose send fails (Kafka down longer than the producer's delivery timeout, the process dying with records
 * in its buffer) is lost after its shopper was told yes and its unit left the stock; and there is no per-shopper
 * limit or idempotency.
 */
@RestController
class NaivePurchaseController {

    private final RedisCommands<String, String> redis;
    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final String topic;
    private final Clock clock = Clock.systemUTC();

    NaivePurchaseController(StatefulRedisConnection<String, String> redis, KafkaTemplate<String, String> kafka, ObjectMapper json,
            @Value("${naive.topic}") String topic) {
        this.redis = redis.sync();
        this.kafka = kafka;
        this.json = json;
        this.topic = topic;
    }

    record Purchase(int quantity) {
    }

    @PostMapping("/naive/sales/{saleId}/purchases")
    ResponseEntity<Map<String, String>> purchase(@PathVariable long saleId, @RequestHeader("X-User-Id") String userId,
            @RequestBody Purchase purchase) throws JsonProcessingException {
        String stock = NaiveSeckillApplication.stockKey(saleId);
        if (redis.decrby(stock, purchase.quantity()) < 0) {
            redis.incrby(stock, purchase.quantity());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("type", "sold-out"));
        }
        String orderId = OrderId.next(saleId, clock).toString();
        kafka.send(topic, orderId, json.writeValueAsString(Map.of("orderId", orderId, "saleId", saleId, "userId", userId,
                "quantity", purchase.quantity())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("orderId", orderId, "status", "PENDING"));
    }
}
