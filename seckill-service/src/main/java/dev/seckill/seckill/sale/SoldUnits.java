package dev.seckill.seckill.sale;

import java.util.Map;

/** Units of a sale held by live orders in the database, in all and per buyer. */
public record SoldUnits(long total, Map<String, Long> byUser) {

    /** A sale just created has sold nothing. */
    static final SoldUnits NONE = new SoldUnits(0, Map.of());

    static SoldUnits of(Map<String, Long> byUser) {
        return new SoldUnits(byUser.values().stream().mapToLong(Long::longValue).sum(), Map.copyOf(byUser));
    }
}
