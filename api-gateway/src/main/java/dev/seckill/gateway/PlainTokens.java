package dev.seckill.gateway;

import java.util.regex.Pattern;

/** User ids and idempotency keys become parts of Redis keys downstream: short and plain. */
public final class PlainTokens {

    public static final String RULE = "must be 1 to 64 letters, digits or . _ : -";

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private PlainTokens() {
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
