package dev.seckill.consumer.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A provider for the local platform and tests, chosen only by {@code seckill.payment.provider=fake}:
 * every charge succeeds. It keeps the idempotency a real provider gives (one charge per order id, in
 * this process, in memory without bound) and counts the charges it actually made in
 * {@code seckill.payments.charges}, so tests can see that no order was charged twice.
 */
@Component
@ConditionalOnProperty(name = "seckill.payment.provider", havingValue = "fake")
class FakePaymentProvider implements PaymentPort {

    private final Map<String, String> charges = new ConcurrentHashMap<>();
    private final Counter charged;

    FakePaymentProvider(MeterRegistry meters) {
        this.charged = meters.counter("seckill.payments.charges");
    }

    @Override
    public ChargeOutcome charge(String orderId, String userId, BigDecimal amount) {
        return new ChargeOutcome.Approved(charges.computeIfAbsent(orderId, id -> {
            charged.increment();
            return "fake-" + UUID.randomUUID();
        }));
    }
}
