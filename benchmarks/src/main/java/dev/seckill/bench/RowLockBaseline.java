package dev.seckill.bench;

import dev.seckill.contract.OrderId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a team would otherwise build: the stock is a row, and each purchase is one transaction that
 * takes a unit with {@code UPDATE ... SET stock = stock - 1 WHERE id = ? AND stock > 0} (the row lock
 * serialises every buyer of the item) and, if a row changed, inserts the order. Driven straight over
 * JDBC, one connection per concurrent buyer, against the same database as the platform: no HTTP in
 * front, so this is the design's best case.
 */
final class RowLockBaseline {

    private static final long ITEM = 1;

    private RowLockBaseline() {
    }

    static LoadResult measure(String jdbcUrl, String user, String password, int concurrency, Duration warmup,
            Duration measured) throws SQLException, InterruptedException {
        try (Connection ddl = DriverManager.getConnection(jdbcUrl, user, password); Statement statement = ddl.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_rowlock_orders");
            statement.execute("DROP TABLE IF EXISTS bench_rowlock_items");
            statement.execute("CREATE TABLE bench_rowlock_items (id BIGINT NOT NULL PRIMARY KEY, stock INT NOT NULL) ENGINE = InnoDB");
            statement.execute("""
                    CREATE TABLE bench_rowlock_orders (
                        id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
                        item_id BIGINT NOT NULL, user_id VARCHAR(64) NOT NULL, quantity INT NOT NULL,
                        created_at DATETIME(3) NOT NULL) ENGINE = InnoDB""");
            statement.execute("INSERT INTO bench_rowlock_items (id, stock) VALUES (" + ITEM + ", 100000000)");
        }
        List<Connection> connections = new ArrayList<>();
        ThreadLocal<Buyer> buyers = new ThreadLocal<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            java.util.function.LongFunction<CompletableFuture<Boolean>> purchase = n -> CompletableFuture.supplyAsync(() -> {
                try {
                    Buyer buyer = buyers.get();
                    if (buyer == null) {
                        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                        synchronized (connections) {
                            connections.add(connection);
                        }
                        buyer = new Buyer(connection);
                        buyers.set(buyer);
                    }
                    return buyer.buy("rowlock-" + n);
                } catch (SQLException e) {
                    return false;
                }
            }, pool);
            new ClosedLoop(concurrency, warmup).run("warm-up", purchase);
            return new ClosedLoop(concurrency, measured).run("row lock: UPDATE stock + INSERT order", purchase);
        } finally {
            pool.shutdownNow();
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // closing anyway
                }
            }
            try (Connection ddl = DriverManager.getConnection(jdbcUrl, user, password); Statement statement = ddl.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS bench_rowlock_orders");
                statement.execute("DROP TABLE IF EXISTS bench_rowlock_items");
            }
        }
    }

    /** One buyer's connection with its two statements prepared. */
    private static final class Buyer {

        private final Connection connection;
        private final PreparedStatement take;
        private final PreparedStatement insert;

        Buyer(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            this.take = connection.prepareStatement("UPDATE bench_rowlock_items SET stock = stock - 1 WHERE id = ? AND stock > 0");
            this.insert = connection.prepareStatement(
                    "INSERT INTO bench_rowlock_orders (id, item_id, user_id, quantity, created_at) VALUES (?, ?, ?, 1, ?)");
        }

        boolean buy(String userId) throws SQLException {
            try {
                take.setLong(1, ITEM);
                if (take.executeUpdate() != 1) {
                    connection.rollback();
                    return false;
                }
                insert.setString(1, OrderId.next(ITEM, Clock.systemUTC()).uuid().toString());
                insert.setLong(2, ITEM);
                insert.setString(3, userId);
                insert.setObject(4, LocalDateTime.now(ZoneOffset.UTC));
                insert.executeUpdate();
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
