package dev.seckill.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

public record PurchaseRequest(@NotNull @Min(1) @Max(100) Integer quantity) {
}
