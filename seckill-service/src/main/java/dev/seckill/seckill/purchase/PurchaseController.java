package dev.seckill.seckill.purchase;

import dev.seckill.api.PurchaseRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PurchaseController {

    /** User ids and idempotency keys become parts of Redis keys: keep them short and plain. */
    static final String TOKEN = "[A-Za-z0-9._:-]{1,64}";
    static final String TOKEN_RULE = "must be 1 to 64 letters, digits or . _ : -";

    private final PurchaseService purchases;

    PurchaseController(PurchaseService purchases) {
        this.purchases = purchases;
    }

    @PostMapping("/api/sales/{saleId}/purchases")
    @ResponseStatus(HttpStatus.ACCEPTED)
    PurchaseAccepted purchase(
            @PathVariable @Positive long saleId,
            @RequestHeader("X-User-Id") @Pattern(regexp = TOKEN, message = TOKEN_RULE) String userId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = TOKEN, message = TOKEN_RULE) String idempotencyKey,
            @Valid @RequestBody PurchaseRequest request) {
        return purchases.purchase(saleId, userId, request.quantity(), idempotencyKey);
    }
}
