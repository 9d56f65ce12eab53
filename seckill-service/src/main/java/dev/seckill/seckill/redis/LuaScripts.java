package dev.seckill.seckill.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The service's Lua scripts, read from {@code scripts/} once. A {@link RedisScript} made from the
 * resource itself asks it on every call whether it changed (a last-modified look-up in the jar,
 * under the script's lock), which on the purchase path cost more than the script's round trip.
 */
public final class LuaScripts {

    private LuaScripts() {
    }

    public static <T> RedisScript<T> load(String name, Class<T> resultType) {
        try {
            return RedisScript.of(new ClassPathResource("scripts/" + name).getContentAsString(StandardCharsets.UTF_8), resultType);
        } catch (IOException e) {
            throw new UncheckedIOException("script " + name + " is missing from the classpath", e);
        }
    }
}
