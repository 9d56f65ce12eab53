package dev.seckill.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * @param paymentWindowSeconds how long a shopper has to pay an order before it is cancelled and its
 *     units go back on sale; optional, the service's default (15 minutes) when absent
 */
public record CreateSaleRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String skuId,
        @NotBlank @Size(max = 200) String title,
        @NotNull @DecimalMin("0.00") @DecimalMax("9999999999.99") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @NotNull @Min(1) @Max(10_000_000) Integer stock,
        @NotNull Instant startAt,
        @NotNull Instant endAt,
        @NotNull @Min(1) @Max(100) Integer perUserLimit,
        @Min(1) @Max(86_400) Integer paymentWindowSeconds) {

    @JsonIgnore
    @AssertTrue(message = "endAt must be after startAt")
    public boolean isWindowValid() {
        return startAt == null || endAt == null || endAt.isAfter(startAt);
    }
}
