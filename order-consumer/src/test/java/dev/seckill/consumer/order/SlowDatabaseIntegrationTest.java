package dev.seckill.consumer.order;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.QueryTimeoutException;

import dev.seckill.contract.OrderPlaced;
import dev.seckill.infra.server.LocalMariaDb;
import dev.seckill.testsupport.OrderEvents;
import dev.seckill.testsupport.SharedServers;

/** A database that answers, but too slowly: the write times out, the breaker counts it, nothing hangs. */
class SlowDatabaseIntegrationTest extends RealServersTestBase {

    @Autowired
    private DatabaseGuard database;

    @Test
    void aLockedTableEndsInATimeoutAndTheOrdersArriveOnceItIsReleased() throws Exception {
        long saleId = newSaleId();
        List<OrderPlaced> orders = OrderEvents.orders(saleId, 50);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        database.breaker().getEventPublisher().onError(event -> failures.add(event.getThrowable()));
        LocalMariaDb mariaDb = SharedServers.get().mariaDb();

        try (Connection locker = DriverManager.getConnection(mariaDb.jdbcUrl(), mariaDb.username(), mariaDb.password());
             Statement statement = locker.createStatement()) {
            statement.execute("LOCK TABLES orders WRITE");
            events.send(orders);
            // The breaker publishes onError only for failures it records (a refused row would be "ignored").
            await().atMost(PATIENCE).until(() -> failures.stream().anyMatch(SlowDatabaseIntegrationTest::isTimeout));
            statement.execute("UNLOCK TABLES");
        }

        await().atMost(PATIENCE).until(() -> rows(saleId) == orders.size());
        await().atMost(PATIENCE).until(() -> statuses(orders).stream().allMatch("CREATED"::equals));
    }

    /** The JDBC query timeout (the driver cancels the statement) or the guard's own time limit. */
    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTimeoutException || cause instanceof QueryTimeoutException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
