package dev.seckill.seckill.order;

import dev.seckill.contract.OrderStatus;

public record OrderView(String orderId, long saleId, String userId, int quantity, OrderStatus status) {
}
