package dev.seckill.contract;

/**
 * A sale's stock ran out, or came back: published on {@link #CHANNEL} by whatever changes the stock
 * across zero (purchase.lua when it takes the last unit, the scripts that give units back), so every
 * gateway and seckill-service replica can drop or set its sold-out flag at once instead of asking
 * Redis on a timer. The message is {@code <saleId>:<stockLeft>}.
 *
 * <p>Pub/sub delivers at most once: a subscriber that was disconnected misses events, so a flag
 * built on these must also expire or be re-checked (see the subscribers).
 */
public record StockEvent(long saleId, long stockLeft) {

    /** A channel, not a key: no hash tag, and on Redis Cluster a PUBLISH reaches every node's subscribers. */
    public static final String CHANNEL = "sk:stock-events";

    public StockEvent {
        if (saleId < 1 || stockLeft < 0) {
            throw new IllegalArgumentException("a stock event needs a sale id >= 1 and stock >= 0");
        }
    }

    public boolean soldOut() {
        return stockLeft == 0;
    }

    public String message() {
        return saleId + ":" + stockLeft;
    }

    /** @throws IllegalArgumentException if {@code message} is not {@code <saleId>:<stockLeft>} */
    public static StockEvent parse(String message) {
        int colon = message.indexOf(':');
        if (colon < 1 || colon == message.length() - 1) {
            throw new IllegalArgumentException("not a stock event: " + message);
        }
        try {
            return new StockEvent(Long.parseLong(message.substring(0, colon)), Long.parseLong(message.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stock event: " + message, e);
        }
    }
}
