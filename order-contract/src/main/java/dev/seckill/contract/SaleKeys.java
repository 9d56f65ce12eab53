package dev.seckill.contract;

/**
 * The Redis key layout of one sale, shared by every service that touches it.
 *
 * <p>All keys carry the hash tag {@code {saleId}}, so they live in one Redis Cluster slot and a
 * single Lua script may read and write all of them.
 */
public record SaleKeys(long saleId) {

    /** Set of the ids of sales warmed into Redis; the outbox relay walks it. No hash tag: never used in a script. */
    public static final String ACTIVE_SALES = "sk:sales";

    private String prefix() {
        return "sk:{" + saleId + "}:";
    }

    /** Hash: the sale's definition (window, per-user limit, price, initial stock, state). */
    public String sale() {
        return prefix() + "sale";
    }

    /** String: units left. */
    public String stock() {
        return prefix() + "stock";
    }

    /** Hash: user id to units bought. */
    public String buyers() {
        return prefix() + "buyers";
    }

    /** Stream: accepted orders waiting for the relay to hand them to Kafka. */
    public String outbox() {
        return prefix() + "outbox";
    }

    /** Hash of one order: status, userId, quantity. */
    public String order(OrderId orderId) {
        return prefix() + "order:" + orderId.uuid();
    }

    /** String holding the order id a shopper's idempotency key produced. */
    public String idempotency(String userId, String idempotencyKey) {
        return prefix() + "idem:" + userId + ":" + idempotencyKey;
    }
}
