package dev.seckill.consumer.payment;

import dev.seckill.web.OrderIdParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentController {

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /** Paying an order again answers the first payment: a shopper's retry never charges twice. */
    @PostMapping("/api/orders/{orderId}/payment")
    PaymentView pay(@PathVariable String orderId, @RequestHeader("X-User-Id") String userId) {
        return payments.pay(OrderIdParameter.parse(orderId, "orderId"), userId);
    }
}
