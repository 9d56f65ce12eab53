package dev.seckill.seckill.order;

import dev.seckill.contract.OrderId;
import dev.seckill.seckill.problem.ProblemType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private final OrderLookup orders;
    private final OrderHistory history;

    OrderController(OrderLookup orders, OrderHistory history) {
        this.orders = orders;
        this.history = history;
    }

    /** The caller's own orders, newest first; {@code mine} says whose, so other views can come later. */
    @GetMapping(path = "/api/orders", params = "mine")
    OrderPage mine(@RequestHeader("X-User-Id") String userId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String before) {
        return history.page(userId, before == null ? null : OrderIdParameter.parse(before, "before"), limit);
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
