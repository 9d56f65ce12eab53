package dev.seckill.api;

/**
 * The rule for user ids (a token's {@code sub}) and idempotency keys, checked at the gateway and again
 * in seckill-service: they become parts of Redis keys, log lines and the orders table's 64-character
 * {@code user_id}, so they stay short and plain. A loop rather than a regular expression: it is on every
 * purchase's path, at the gateway and in the service.
 */
public final class PlainTokens {

    public static final String RULE = "must be 1 to 64 letters, digits or . _ : -";

    private static final int MAX_LENGTH = 64;

    private PlainTokens() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isPlain(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '-';
    }
}
