package dev.seckill.gateway.input;

import dev.seckill.gateway.problem.Refusal;
import java.util.regex.Pattern;

/** The rules for ids in paths and queries, the same seckill-service applies. */
final class Ids {

    private static final String SALE_ID = "[1-9][0-9]{0,17}";
    private static final Pattern SALE = Pattern.compile(SALE_ID);
    private static final Pattern ORDER = Pattern.compile(
            SALE_ID + "-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    static String saleId(String name, String value) {
        return require(SALE, name, value, "must be a positive whole number");
    }

    static String orderId(String name, String value) {
        return require(ORDER, name, value, "must be an order id as returned by a purchase");
    }

    static String require(Pattern rule, String name, String value, String message) {
        if (value == null || !rule.matcher(value).matches()) {
            throw Refusal.invalid(name + ": " + message);
        }
        return value;
    }
}
