package dev.seckill.gateway.bench;

import dev.seckill.api.PurchaseRequest;
import dev.seckill.gateway.routing.SeckillClient;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For bin/seckill bench only, off unless {@code seckill.bench.noop-enabled=true}: a purchase-shaped call
 * that takes the same way as a purchase (token check, per-client limit, body validation, the hop to
 * seckill-service with its breaker and internal token) to an endpoint there that decides nothing. Its
 * throughput is the limit of the HTTP path, against which the real purchase is measured. It skips the
 * per-shopper and global purchase buckets, which are part of the purchase's cost.
 */
@RestController
@ConditionalOnProperty(name = "seckill.bench.noop-enabled", havingValue = "true")
class NoopRoute {

    private final SeckillClient seckill;

    NoopRoute(SeckillClient seckill) {
        this.seckill = seckill;
    }

    @PostMapping(path = "/api/bench/noop", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> noop(@Valid @RequestBody PurchaseRequest purchase, Principal shopper) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        headers.put("X-User-Id", shopper.getName());
        return seckill.forward(HttpMethod.POST, "/api/bench/noop", headers,
                ("{\"quantity\":" + purchase.quantity() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
