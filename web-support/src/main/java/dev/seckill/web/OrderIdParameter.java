package dev.seckill.web;

import dev.seckill.contract.OrderId;

/** An order id as a client sent it (path or query): malformed is the client's 400, not a fault of ours. */
public final class OrderIdParameter {

    private OrderIdParameter() {
    }

    /** @param name how the client named it, for the problem's detail */
    public static OrderId parse(String text, String name) {
        try {
            return OrderId.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(name + ": must be an order id as returned by a purchase");
        }
    }
}
