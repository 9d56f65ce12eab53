package dev.seckill.gateway.routing;

import java.util.regex.Pattern;

/** User ids and idempotency keys become parts of Redis keys downstream: short and plain. */
public final class PlainTokens {

    public static final String PATTERN = "[A-Za-z0-9._:-]{1,64}";
    public static final String RULE = "must be 1 to 64 letters, digits or . _ : -";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private PlainTokens() {
    }

    public static boolean isValid(String value) {
        return value != null && COMPILED.matcher(value).matches();
    }
}
