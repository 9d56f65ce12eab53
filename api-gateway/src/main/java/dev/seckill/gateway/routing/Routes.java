package dev.seckill.gateway.routing;

import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public API. Ids and identity headers are checked here so malformed requests never cost a
 * downstream call; bodies are checked by the service that owns their meaning.
 */
@RestController
class Routes {

    private static final String SALE_ID = "[1-9][0-9]{0,17}";
    private static final String ORDER_ID = SALE_ID + "-[0-9a-fA-F-]{36}";
    private static final String TOKEN = "[A-Za-z0-9._:-]{1,64}";
    private static final String SALE_ID_RULE = "must be a positive whole number";
    private static final String ORDER_ID_RULE = "must be an order id as returned by a purchase";
    private static final String TOKEN_RULE = "must be 1 to 64 letters, digits or . _ : -";
    private static final String USER_ID = "X-User-Id";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SeckillClient seckill;

    Routes(SeckillClient seckill) {
        this.seckill = seckill;
    }

    @PostMapping(path = "/api/admin/sales", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> createSale(@RequestBody byte[] body) {
        return seckill.forward(HttpMethod.POST, "/api/admin/sales", json(), body);
    }

    @GetMapping("/api/admin/sales")
    ResponseEntity<byte[]> listSales(@RequestParam(defaultValue = "50") @Pattern(regexp = "[1-9][0-9]{0,2}", message = "must be between 1 and 999") String limit) {
        return seckill.forward(HttpMethod.GET, "/api/admin/sales?limit={limit}", Map.of(), null, limit);
    }

    @GetMapping("/api/sales/{saleId}")
    ResponseEntity<byte[]> sale(@PathVariable @Pattern(regexp = SALE_ID, message = SALE_ID_RULE) String saleId) {
        return seckill.forward(HttpMethod.GET, "/api/sales/{saleId}", Map.of(), null, saleId);
    }

    @PostMapping(path = "/api/sales/{saleId}/purchases", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> purchase(
            @PathVariable @Pattern(regexp = SALE_ID, message = SALE_ID_RULE) String saleId,
            @RequestHeader(USER_ID) @Pattern(regexp = TOKEN, message = TOKEN_RULE) String userId,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Pattern(regexp = TOKEN, message = TOKEN_RULE) String idempotencyKey,
            @RequestBody byte[] body) {
        Map<String, String> headers = json();
        headers.put(USER_ID, userId);
        if (idempotencyKey != null) {
            headers.put(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return seckill.forward(HttpMethod.POST, "/api/sales/{saleId}/purchases", headers, body, saleId);
    }

    @GetMapping("/api/orders/{orderId}")
    ResponseEntity<byte[]> order(
            @PathVariable @Pattern(regexp = ORDER_ID, message = ORDER_ID_RULE) String orderId,
            @RequestHeader(USER_ID) @Pattern(regexp = TOKEN, message = TOKEN_RULE) String userId) {
        return seckill.forward(HttpMethod.GET, "/api/orders/{orderId}", Map.of(USER_ID, userId), null, orderId);
    }

    private static Map<String, String> json() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        return headers;
    }
}
