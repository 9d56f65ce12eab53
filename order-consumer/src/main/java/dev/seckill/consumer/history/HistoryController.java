package dev.seckill.consumer.history;

import dev.seckill.web.OrderIdParameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryController {

    private final OrderHistory history;

    HistoryController(OrderHistory history) {
        this.history = history;
    }

    /** The caller's own orders, newest first; {@code mine} says whose, so other views can come later. */
    @GetMapping(path = "/api/orders", params = "mine")
    OrderPage mine(@RequestHeader("X-User-Id") String userId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String before) {
        return history.page(userId, before == null ? null : OrderIdParameter.parse(before, "before"), limit);
    }
}
