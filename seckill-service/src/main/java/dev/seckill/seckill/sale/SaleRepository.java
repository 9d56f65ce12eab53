package dev.seckill.seckill.sale;

import dev.seckill.api.CreateSaleRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Sale definitions in MySQL: the durable truth Redis is warmed from. */
@Repository
public class SaleRepository {

    private static final String COLUMNS =
            "id, sku_id, title, price, stock, start_at, end_at, per_user_limit, state, payment_window_seconds";

    private final JdbcTemplate jdbc;

    SaleRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Sale insert(CreateSaleRequest request) {
        var keys = new GeneratedKeyHolder();
        Duration paymentWindow = request.paymentWindowSeconds() == null
                ? Sale.DEFAULT_PAYMENT_WINDOW : Duration.ofSeconds(request.paymentWindowSeconds());
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO sales (sku_id, title, price, stock, start_at, end_at, per_user_limit, state, "
                            + "payment_window_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, request.skuId());
            ps.setString(2, request.title());
            ps.setBigDecimal(3, request.price());
            ps.setInt(4, request.stock());
            ps.setTimestamp(5, Timestamp.from(request.startAt()));
            ps.setTimestamp(6, Timestamp.from(request.endAt()));
            ps.setInt(7, request.perUserLimit());
            ps.setString(8, SaleState.OPEN.name());
            ps.setLong(9, paymentWindow.toSeconds());
            return ps;
        }, keys);
        long id = keys.getKey().longValue();
        return new Sale(id, request.skuId(), request.title(), request.price(), request.stock(),
                request.startAt(), request.endAt(), request.perUserLimit(), SaleState.OPEN, paymentWindow);
    }

    /** @return whether the sale exists */
    public boolean updateState(long id, SaleState state) {
        return jdbc.update("UPDATE sales SET state = ? WHERE id = ?", state.name(), id) == 1;
    }

    /**
     * What the durable orders say was sold: the base for a stock counter Redis has lost. Orders
     * belong to order-consumer; until it has created its table there are none.
     */
    public SoldUnits soldUnits(long saleId) {
        Map<String, Long> byUser = new HashMap<>();
        try {
            jdbc.query("SELECT user_id, SUM(quantity) FROM orders WHERE sale_id = ? AND status NOT IN ('CANCELLED', 'FAILED') "
                    + "GROUP BY user_id", rs -> {
                        byUser.put(rs.getString(1), rs.getLong(2));
                    }, saleId);
        } catch (BadSqlGrammarException noOrdersTableYet) {
            return SoldUnits.of(Map.of());
        }
        return SoldUnits.of(byUser);
    }

    public Optional<Sale> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sales WHERE id = ?", SaleRepository::map, id)
                .stream().findFirst();
    }

    public List<Sale> findAll(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sales ORDER BY id DESC LIMIT ?", SaleRepository::map, limit);
    }

    /** Sales that may still take purchases: the ones worth warming into Redis. */
    public List<Sale> findOpen(Instant now) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sales WHERE state = 'OPEN' AND end_at > ?",
                SaleRepository::map, Timestamp.from(now));
    }

    /** Ids of the sales that end after {@code since}, open or closed, started or not. */
    public List<Long> idsEndingAfter(Instant since) {
        return jdbc.queryForList("SELECT id FROM sales WHERE end_at > ?", Long.class, Timestamp.from(since));
    }

    private static Sale map(ResultSet rs, int row) throws SQLException {
        return new Sale(
                rs.getLong("id"),
                rs.getString("sku_id"),
                rs.getString("title"),
                rs.getBigDecimal("price"),
                rs.getInt("stock"),
                rs.getTimestamp("start_at").toInstant(),
                rs.getTimestamp("end_at").toInstant(),
                rs.getInt("per_user_limit"),
                SaleState.valueOf(rs.getString("state")),
                Duration.ofSeconds(rs.getLong("payment_window_seconds")));
    }
}
