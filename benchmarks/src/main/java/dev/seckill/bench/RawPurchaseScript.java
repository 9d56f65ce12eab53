package dev.seckill.bench;

import dev.seckill.contract.OrderId;
import dev.seckill.seckill.purchase.PurchaseScriptCall;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * seckill-service's purchase script sent straight to Redis with EVALSHA over one pipelined
 * connection, with the keys and arguments the service passes: the limit of the hot path, with no
 * HTTP, JSON or service code around it.
 */
final class RawPurchaseScript implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final String sha;

    RawPurchaseScript(String host, int port, Path projectRoot) {
        this.client = RedisClient.create(RedisURI.create(host, port));
        this.connection = client.connect();
        this.redis = connection.async();
        try {
            this.sha = connection.sync().scriptLoad(
                    Files.readString(projectRoot.resolve("seckill-service/src/main/resources/scripts/purchase.lua")));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /** Warms up, then keeps {@code inFlight} purchases of distinct users of {@code saleId} going for {@code measured}. */
    LoadResult measure(String name, long saleId, int inFlight, Duration warmup, Duration measured) throws InterruptedException {
        new ClosedLoop(inFlight, warmup).run("warm-up", n -> purchase(saleId, "rawwarm-" + n));
        return new ClosedLoop(inFlight, measured).run(name, n -> purchase(saleId, "raw-" + n));
    }

    /** One purchase of one unit; completes with true when the script accepted it. */
    CompletableFuture<Boolean> purchase(long saleId, String userId) {
        PurchaseScriptCall call = PurchaseScriptCall.of(OrderId.next(saleId, Clock.systemUTC()), userId, 1, null,
                Duration.ofDays(1), Duration.ofDays(1), "");
        return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, call.keys().toArray(String[]::new),
                        call.args().toArray(String[]::new))
                .toCompletableFuture()
                .thenApply(result -> "ACCEPTED".equals(result.get(0)));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
