package dev.seckill.seckill.order;

import dev.seckill.contract.OrderId;
import dev.seckill.contract.OrderStatus;
import dev.seckill.contract.SaleKeys;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds an order for a polling shopper. Live orders are answered from Redis, where the purchase
 * script and the order consumer keep their status; MySQL is asked only once Redis has let the
 * order expire, so a crowd polling during a sale never reaches the database.
 */
@Component
public class OrderLookup {

    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;

    OrderLookup(StringRedisTemplate redis, JdbcTemplate jdbc) {
        this.redis = redis;
        this.jdbc = jdbc;
    }

    public Optional<OrderView> find(OrderId orderId) {
        Map<Object, Object> hash = redis.opsForHash().entries(new SaleKeys(orderId.saleId()).order(orderId));
        if (!hash.isEmpty()) {
            return Optional.of(new OrderView(orderId.toString(), orderId.saleId(),
                    (String) hash.get("userId"),
                    Integer.parseInt((String) hash.get("quantity")),
                    OrderStatus.valueOf((String) hash.get("status"))));
        }
        return jdbc.query("SELECT user_id, quantity, status FROM orders WHERE id = ? AND sale_id = ?",
                (rs, row) -> new OrderView(orderId.toString(), orderId.saleId(), rs.getString("user_id"),
                        rs.getInt("quantity"), OrderStatus.valueOf(rs.getString("status"))),
                orderId.uuid().toString(), orderId.saleId()).stream().findFirst();
    }
}
