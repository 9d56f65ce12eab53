package dev.seckill.consumer.order;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import dev.seckill.consumer.expiry.ExpiryProperties;

/**
 * The {@code orders} table. Inserts are idempotent on the primary key (the order's UUIDv7), so a
 * replayed event is a no-op rather than an error; the query timeout comes from
 * {@code spring.jdbc.template.query-timeout}.
 */
@Repository
public class OrderTable {

    /*
     * ON DUPLICATE KEY UPDATE id = id instead of INSERT IGNORE: IGNORE would also turn genuine
     * constraint violations into warnings and silently store a mangled row. Both MySQL 8 and
     * MariaDB accept this form, and mysql-connector-j still rewrites the batch into one
     * multi-row INSERT (rewriteBatchedStatements=true).
     */
    private static final String INSERT = """
            INSERT INTO orders (id, sale_id, user_id, quantity, unit_price, status, placed_at, created_at, pay_by)
            VALUES (?, ?, ?, ?, ?, 'CREATED', ?, ?, ?)
            ON DUPLICATE KEY UPDATE id = id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();
    private final Duration defaultPaymentWindow;

    public OrderTable(JdbcTemplate jdbc, TransactionTemplate transaction, ExpiryProperties expiry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.defaultPaymentWindow = expiry.defaultPaymentWindow();
    }

    /**
     * Inserts all rows with one JDBC batch in one transaction. The update counts are not checked:
     * a rewritten batch answers SUCCESS_NO_INFO (-2) for every row, and a duplicate counts 0 or 1
     * depending on the server; an exception is the only failure signal.
     */
    public void insert(List<OrderRow> rows) {
        LocalDateTime createdAt = utc(clock.instant());
        transaction.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, rows, rows.size(),
                (statement, row) -> bind(statement, row, createdAt, defaultPaymentWindow)));
    }

    /**
     * After a batch failed on a constraint: inserts the rows one by one, each in its own
     * transaction, and answers the first row the database refuses, if any (none if the failure
     * was fleeting). The rows before that one are written when this returns.
     */
    public Optional<Refusal> insertUntilRefused(List<OrderRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            try {
                insert(List.of(rows.get(i)));
            } catch (DataIntegrityViolationException e) {
                return Optional.of(new Refusal(i, e));
            }
        }
        return Optional.empty();
    }

    /** The database refused the row at {@code index} of a batch. */
    public record Refusal(int index, DataIntegrityViolationException reason) {
    }

    private static void bind(PreparedStatement statement, OrderRow row, LocalDateTime createdAt, Duration defaultPaymentWindow)
            throws SQLException {
        statement.setString(1, row.orderId().uuid().toString());
        statement.setLong(2, row.orderId().saleId());
        statement.setString(3, row.userId());
        statement.setInt(4, row.quantity());
        statement.setBigDecimal(5, row.unitPrice());
        statement.setObject(6, utc(row.placedAt()));
        statement.setObject(7, createdAt);
        statement.setObject(8, utc(row.payBy() != null ? row.payBy() : row.placedAt().plus(defaultPaymentWindow)));
    }

    /** The table stores UTC wall-clock times, so no server or session time zone can shift them. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
