package dev.seckill.bench.wrk;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one wrk run sends: POSTs of a purchase body to {@code path} on {@code server}, each from a new shopper,
 * either with one of a slice of signed tokens ({@code tokens} is the prefix of the per-thread files, see
 * {@link dev.seckill.bench.TokenPool}) or, straight to a service behind the gateway, with a new
 * {@code X-User-Id}; at full speed, or paced to {@code rate} requests a second over all threads. A cycling load
 * sends its tokens round and round, for answers the gateway gives before it reads the token.
 */
public record WrkLoad(URI server, String path, Map<String, String> headers, Path tokens, String userPrefix,
        OptionalDouble rate, boolean cycle) {

    private static final String BODY = "{\"quantity\":1}";

    public static WrkLoad withTokens(URI server, String path, Path tokens) {
        return new WrkLoad(server, path, Map.of(), tokens, null, OptionalDouble.empty(), false);
    }

    public static WrkLoad withUserIds(URI server, String path, Map<String, String> headers, String userPrefix) {
        return new WrkLoad(server, path, headers, null, userPrefix, OptionalDouble.empty(), false);
    }

    public WrkLoad paced(double requestsPerSecond) {
        return new WrkLoad(server, path, headers, tokens, userPrefix, OptionalDouble.of(requestsPerSecond), cycle);
    }

    public WrkLoad cycling() {
        return new WrkLoad(server, path, headers, tokens, userPrefix, rate, true);
    }

    /** The script's settings (see {@code wrk/bench.lua}). */
    Map<String, String> environment(int threads) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("BENCH_PATH", path);
        env.put("BENCH_BODY", BODY);
        env.put("BENCH_THREADS", Integer.toString(threads));
        env.put("BENCH_HEADERS", String.join("\n", headers.entrySet().stream()
                .map(header -> header.getKey() + ": " + header.getValue()).toList()));
        if (tokens != null) {
            env.put("BENCH_TOKENS", tokens.toString());
        } else {
            env.put("BENCH_USERS", userPrefix);
        }
        rate.ifPresent(perSecond -> env.put("BENCH_RATE", Double.toString(perSecond)));
        if (cycle) {
            env.put("BENCH_CYCLE", "1");
        }
        return env;
    }
}
