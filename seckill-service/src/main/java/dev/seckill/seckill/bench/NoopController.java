package dev.seckill.seckill.bench;

import dev.seckill.api.PurchaseRequest;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * For bin/seckill bench only, off unless {@code seckill.bench.noop-enabled=true}: reads a purchase body
 * like the real endpoint (behind the same internal-token filter) and answers 202 without touching
 * Redis, so the gateway hop plus this service's HTTP handling can be measured alone.
 */
@RestController
@ConditionalOnProperty(name = "seckill.bench.noop-enabled", havingValue = "true")
class NoopController {

    @PostMapping("/api/bench/noop")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> noop(@RequestHeader("X-User-Id") String userId, @Valid @RequestBody PurchaseRequest request) {
        return Map.of("orderId", "noop", "status", "PENDING");
    }
}
