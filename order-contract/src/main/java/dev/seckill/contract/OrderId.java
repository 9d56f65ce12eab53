package dev.seckill.contract;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * The public id of an order: the sale it belongs to plus a UUIDv7.
 *
 * <p>The sale id is part of the public id because every Redis key of a sale, the order's status
 * among them, carries the sale's hash tag (so one Lua script may touch them on Redis Cluster);
 * whoever holds an order id can therefore find its status without another lookup. The UUIDv7 is
 * time-ordered, so it serves as the MySQL primary key with append-only inserts.
 */
public record OrderId(long saleId, UUID uuid) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public OrderId {
        if (saleId <= 0) {
            throw new IllegalArgumentException("sale id must be positive");
        }
        if (uuid == null || uuid.version() != 7) {
            throw new IllegalArgumentException("order uuid must be a UUIDv7");
        }
    }

    public static OrderId next(long saleId, Clock clock) {
        return new OrderId(saleId, uuidV7(clock.millis()));
    }

    /** Parses the form {@code <saleId>-<uuid>}; throws {@link IllegalArgumentException} on anything else. */
    public static OrderId parse(String text) {
        if (text == null || text.length() > 64) {
            throw new IllegalArgumentException("malformed order id");
        }
        int dash = text.indexOf('-');
        if (dash <= 0 || text.length() - dash - 1 != 36) {
            throw new IllegalArgumentException("malformed order id");
        }
        try {
            return new OrderId(Long.parseLong(text.substring(0, dash)), UUID.fromString(text.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed order id", e);
        }
    }

    static UUID uuidV7(long epochMillis) {
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (epochMillis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    @Override
    public String toString() {
        return saleId + "-" + uuid;
    }
}
