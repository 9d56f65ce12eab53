package dev.seckill.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.api.CreateSaleRequest;
import dev.seckill.api.PurchaseRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
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
 * The public API. Every id, header and body is checked here, with the same rules the service
 * applies, so a malformed request never costs a downstream call. The shopper is the verified
 * token's subject; the gateway sends it downstream itself and never forwards a client's headers.
 * Bodies go on re-serialized from the checked record, not as the client's bytes.
 */
@RestController
class Routes {

    private static final String SALE_ID = "[1-9][0-9]{0,17}";
    private static final String ORDER_ID = SALE_ID + "-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String SALE_ID_RULE = "must be a positive whole number";
    private static final String ORDER_ID_RULE = "must be an order id as returned by a purchase";
    private static final String USER_ID = "X-User-Id";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SeckillClient seckill;
    private final ObjectMapper json;

    Routes(SeckillClient seckill, ObjectMapper json) {
        this.seckill = seckill;
        this.json = json;
    }

    @PostMapping(path = "/api/admin/sales", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> createSale(@Valid @RequestBody CreateSaleRequest sale) {
        return seckill.forward(HttpMethod.POST, "/api/admin/sales", jsonHeaders(), bytes(sale));
    }

    @GetMapping("/api/admin/sales")
    ResponseEntity<byte[]> listSales(@RequestParam(defaultValue = "50") @Pattern(regexp = "[1-9][0-9]{0,2}", message = "must be between 1 and 999") String limit) {
        return seckill.forward(HttpMethod.GET, "/api/admin/sales?limit={limit}", Map.of(), null, limit);
    }

    @PostMapping("/api/admin/sales/{saleId}/close")
    ResponseEntity<byte[]> closeSale(@PathVariable @Pattern(regexp = SALE_ID, message = SALE_ID_RULE) String saleId) {
        return seckill.forward(HttpMethod.POST, "/api/admin/sales/{saleId}/close", Map.of(), null, saleId);
    }

    @GetMapping("/api/admin/sales/{saleId}/reconciliation")
    ResponseEntity<byte[]> reconciliation(@PathVariable @Pattern(regexp = SALE_ID, message = SALE_ID_RULE) String saleId) {
        return seckill.forward(HttpMethod.GET, "/api/admin/sales/{saleId}/reconciliation", Map.of(), null, saleId);
    }

    @PostMapping("/api/admin/sales/{saleId}/reconciliation/repair")
    ResponseEntity<byte[]> repair(@PathVariable @Pattern(regexp = SALE_ID, message = SALE_ID_RULE) String saleId) {
        return seckill.forward(HttpMethod.POST, "/api/admin/sales/{saleId}/reconciliation/repair", Map.of(), null, saleId);
    }

    @GetMapping("/api/sales/{saleId}")
    ResponseEntity<byte[]> sale(@PathVariable @Pattern(regexp = SALE_ID, message = SALE_ID_RULE) String saleId) {
        return seckill.forward(HttpMethod.GET, "/api/sales/{saleId}", Map.of(), null, saleId);
    }

    @PostMapping(path = "/api/sales/{saleId}/purchases", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> purchase(
            @PathVariable @Pattern(regexp = SALE_ID, message = SALE_ID_RULE) String saleId,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Pattern(regexp = PlainTokens.PATTERN, message = PlainTokens.RULE) String idempotencyKey,
            @Valid @RequestBody PurchaseRequest purchase,
            Principal shopper) {
        Map<String, String> headers = jsonHeaders();
        headers.put(USER_ID, shopper.getName());
        if (idempotencyKey != null) {
            headers.put(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return seckill.forward(HttpMethod.POST, "/api/sales/{saleId}/purchases", headers, bytes(purchase), saleId);
    }

    @GetMapping("/api/orders/{orderId}")
    ResponseEntity<byte[]> order(@PathVariable @Pattern(regexp = ORDER_ID, message = ORDER_ID_RULE) String orderId,
            Principal shopper) {
        return seckill.forward(HttpMethod.GET, "/api/orders/{orderId}", Map.of(USER_ID, shopper.getName()), null, orderId);
    }

    @PostMapping("/api/orders/{orderId}/payment")
    ResponseEntity<byte[]> pay(@PathVariable @Pattern(regexp = ORDER_ID, message = ORDER_ID_RULE) String orderId,
            Principal shopper) {
        return seckill.forward(HttpMethod.POST, "/api/orders/{orderId}/payment", Map.of(USER_ID, shopper.getName()), null, orderId);
    }

    /** The shopper's own orders: {@code mine} is required, so no other listing is reachable by leaving it out. */
    @GetMapping(path = "/api/orders", params = "mine")
    ResponseEntity<byte[]> myOrders(
            @RequestParam(defaultValue = "20") @Pattern(regexp = "[1-9][0-9]?|100", message = "must be between 1 and 100") String limit,
            @RequestParam(required = false) @Pattern(regexp = ORDER_ID, message = ORDER_ID_RULE) String before,
            Principal shopper) {
        Map<String, String> headers = Map.of(USER_ID, shopper.getName());
        return before == null
                ? seckill.forward(HttpMethod.GET, "/api/orders?mine&limit={limit}", headers, null, limit)
                : seckill.forward(HttpMethod.GET, "/api/orders?mine&limit={limit}&before={before}", headers, null, limit, before);
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked request could not be written as JSON", e);
        }
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        return headers;
    }
}
