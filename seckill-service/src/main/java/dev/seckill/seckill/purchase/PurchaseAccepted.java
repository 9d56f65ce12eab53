package dev.seckill.seckill.purchase;

import dev.seckill.contract.OrderStatus;

public record PurchaseAccepted(String orderId, OrderStatus status) {
}
