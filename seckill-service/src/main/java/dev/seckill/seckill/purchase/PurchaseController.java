package dev.seckill.seckill.purchase;

import dev.seckill.api.PlainTokens;
import dev.seckill.api.PurchaseRequest;
import dev.seckill.web.ApiException;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The purchase endpoint. The gateway has checked every id and header already; this service checks
 * them again, because they become parts of Redis keys, but by hand: constraint annotations on the
 * parameters switch on Spring's method validation for every call, which cost a tenth of a purchase's
 * CPU here. The body's rules stay where the gateway reads them too (api-contract), checked by the binder.
 */
@RestController
class PurchaseController {

    private final PurchaseService purchases;

    PurchaseController(PurchaseService purchases) {
        this.purchases = purchases;
    }

    @PostMapping("/api/sales/{saleId}/purchases")
    @ResponseStatus(HttpStatus.ACCEPTED)
    PurchaseAccepted purchase(
            @PathVariable long saleId,
            @RequestHeader("X-User-Id") String userId,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody PurchaseRequest request) {
        if (saleId <= 0) {
            throw ApiException.invalidRequest("saleId: must be greater than 0");
        }
        requireToken("header X-User-Id", userId);
        if (idempotencyKey != null) {
            requireToken("header Idempotency-Key", idempotencyKey);
        }
        return purchases.purchase(saleId, userId, request.quantity(), idempotencyKey);
    }

    private static void requireToken(String name, String value) {
        if (!PlainTokens.isValid(value)) {
            throw ApiException.invalidRequest(name + ": " + PlainTokens.RULE);
        }
    }
}
