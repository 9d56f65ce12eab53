package dev.seckill.seckill.sale;

public enum SaleState {
    OPEN,
    CLOSED
}
