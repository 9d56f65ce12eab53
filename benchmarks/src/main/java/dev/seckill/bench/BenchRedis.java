package dev.seckill.bench;

import dev.seckill.contract.SaleKeys;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The bench's own connection to the platform's Redis: reading a sale's stock, and writing in pipelined rounds. */
final class BenchRedis implements AutoCloseable {

    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(1);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    BenchRedis(String host, int port) {
        this.client = RedisClient.create(RedisURI.create(host, port));
        this.connection = client.connect();
    }

    /** Units left of a sale; -1 when Redis has no stock counter for it. */
    long stock(long saleId) {
        String value = connection.sync().get(new SaleKeys(saleId).stock());
        return value == null ? -1 : Long.parseLong(value);
    }

    void set(String key, long value) {
        connection.sync().set(key, Long.toString(value));
    }

    long get(String key) {
        String value = connection.sync().get(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * One pipelined round: the commands {@code writes} issues are sent together without waiting for each answer,
     * and the round ends when all of them (the futures it returns) are answered.
     */
    void pipelined(Function<RedisAsyncCommands<String, String>, List<RedisFuture<?>>> writes) {
        List<RedisFuture<?>> answers;
        connection.setAutoFlushCommands(false);
        try {
            answers = writes.apply(connection.async());
            connection.flushCommands();
        } finally {
            connection.setAutoFlushCommands(true);
        }
        if (!LettuceFutures.awaitAll(ROUND_TIMEOUT, answers.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("Redis did not answer a pipelined round within " + ROUND_TIMEOUT);
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
