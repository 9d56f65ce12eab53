package dev.seckill.seckill.order;

import dev.seckill.contract.OrderId;
import dev.seckill.web.OrderIdParameter;
import dev.seckill.web.ProblemType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private final OrderLookup orders;

    OrderController(OrderLookup orders) {
        this.orders = orders;
    }

    /** Another shopper's order answers 404 like a missing one, so order ids can't be probed. */
    @GetMapping("/api/orders/{orderId}")
    OrderView get(@PathVariable String orderId, @RequestHeader("X-User-Id") String userId) {
        OrderId id = OrderIdParameter.parse(orderId, "orderId");
        return orders.find(id)
                .filter(order -> order.userId().equals(userId))
                .orElseThrow(() -> ProblemType.ORDER_NOT_FOUND.exception("No order " + orderId));
    }
}
