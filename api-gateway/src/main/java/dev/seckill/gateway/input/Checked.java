package dev.seckill.gateway.input;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the input step let through, for the hop to send on in place of anything the client sent: the
 * body re-serialised from its checked record, the idempotency key, and the query rebuilt from checked
 * parameters. Each is {@code null} when the request has none.
 */
public record Checked(byte[] body, String idempotencyKey, String query) {

    private static final String ATTRIBUTE = Checked.class.getName();
    static final Checked NOTHING = new Checked(null, null, null);

    public static Checked of(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(ATTRIBUTE, NOTHING);
    }

    void putInto(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
    }
}
