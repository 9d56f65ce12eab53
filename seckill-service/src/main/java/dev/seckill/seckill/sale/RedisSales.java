package dev.seckill.seckill.sale;

import dev.seckill.contract.SaleKeys;
import dev.seckill.contract.StockEvent;
import dev.seckill.seckill.redis.LuaScripts;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** The hot copy of a sale in Redis: its definition hash, its stock counter and its outbox stream. */
@Component
public class RedisSales {

    /** The consumer group the outbox relays share. */
    public static final String RELAY_GROUP = "relay";

    private static final Logger log = LoggerFactory.getLogger(RedisSales.class);
    private static final RedisScript<Long> WRITE_SALE =
            LuaScripts.load("write-sale.lua", Long.class);
    private static final RedisScript<Long> RESTORE_STOCK =
            LuaScripts.load("restore-stock.lua", Long.class);

    private final StringRedisTemplate redis;

    RedisSales(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Makes the sale purchasable. Safe to repeat: the definition is rewritten (never a closed sale's
     * state: a copy read before the close must not open it again), but the stock counter
     * and the buyers' counts are set only when Redis has no stock counter (a new sale, or a Redis
     * that lost its data), and then from what the durable orders say was sold, so warming never
     * hands out a unit twice nor lets a buyer past the limit again.
     */
    public void warm(Sale sale, Supplier<SoldUnits> soldUnits) {
        SaleKeys keys = new SaleKeys(sale.id());
        redis.execute(WRITE_SALE, List.of(keys.sale()),
                "skuId", sale.skuId(),
                "title", sale.title(),
                "price", sale.price().toPlainString(),
                "stock", Integer.toString(sale.stock()),
                "startAt", Long.toString(sale.startAt().toEpochMilli()),
                "endAt", Long.toString(sale.endAt().toEpochMilli()),
                "perUserLimit", Integer.toString(sale.perUserLimit()),
                "state", sale.state().name(),
                "paymentWindowMillis", Long.toString(sale.paymentWindow().toMillis()));
        if (!Boolean.TRUE.equals(redis.hasKey(keys.stock()))) {
            setCounters(keys, "missing", "", sale.stock(), soldUnits.get());
        }
        createRelayGroup(keys.outbox());
        // Last, after the definition: taking a drained sale off the set relies on this order (DrainedSales).
        addToActive(sale.id());
    }

    /** Puts a sale on the list the relay walks. */
    public void addToActive(long saleId) {
        redis.opsForSet().add(SaleKeys.ACTIVE_SALES, Long.toString(saleId));
    }

    /** Takes a sale off the list the relay walks; only for a sale whose outbox can never fill again. */
    public void removeFromActive(long saleId) {
        redis.opsForSet().remove(SaleKeys.ACTIVE_SALES, Long.toString(saleId));
    }

    /**
     * Rewrites the sale's stock counter and buyers' counts from the durable orders, for a sale that is
     * quiescent; refused (false) if the counter is no longer {@code observedStock} ({@code null}: absent)
     * or the outbox is not empty, i.e. a purchase came in since the caller looked.
     */
    public boolean repair(Sale sale, String observedStock, SoldUnits sold) {
        return setCounters(new SaleKeys(sale.id()), "repair", observedStock == null ? "" : observedStock, sale.stock(), sold);
    }

    private boolean setCounters(SaleKeys keys, String mode, String observedStock, int initialStock, SoldUnits sold) {
        List<String> args = new ArrayList<>();
        args.add(mode);
        args.add(observedStock);
        args.add(Long.toString(Math.max(0, initialStock - sold.total())));
        args.add(StockEvent.CHANNEL);
        args.add(Long.toString(keys.saleId()));
        sold.byUser().forEach((user, units) -> {
            args.add(user);
            args.add(Long.toString(units));
        });
        boolean restored = Long.valueOf(1).equals(
                redis.execute(RESTORE_STOCK, List.of(keys.stock(), keys.buyers(), keys.outbox()), args.toArray()));
        if (restored && sold.total() > 0) {
            log.atWarn().addKeyValue("saleId", keys.saleId()).addKeyValue("unitsSold", sold.total()).addKeyValue("mode", mode)
                    .log("stock counter and buyers' counts set from the orders in the database");
        }
        return restored;
    }

    /** The purchase script reads the state on every decision, so this takes effect at once. */
    public void markState(long saleId, SaleState state) {
        String sale = new SaleKeys(saleId).sale();
        if (Boolean.TRUE.equals(redis.hasKey(sale))) {
            redis.opsForHash().put(sale, "state", state.name());
        }
    }

    public Optional<Sale> find(long saleId) {
        Map<Object, Object> hash = redis.opsForHash().entries(new SaleKeys(saleId).sale());
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sale(
                saleId,
                (String) hash.get("skuId"),
                (String) hash.get("title"),
                new BigDecimal((String) hash.get("price")),
                Integer.parseInt((String) hash.get("stock")),
                Instant.ofEpochMilli(Long.parseLong((String) hash.get("startAt"))),
                Instant.ofEpochMilli(Long.parseLong((String) hash.get("endAt"))),
                Integer.parseInt((String) hash.get("perUserLimit")),
                SaleState.valueOf((String) hash.get("state")),
                // A hash warmed before sales had a payment window has none.
                Duration.ofMillis(Long.parseLong((String) hash.getOrDefault("paymentWindowMillis",
                        Long.toString(Sale.DEFAULT_PAYMENT_WINDOW.toMillis()))))));
    }

    public long stockLeft(long saleId) {
        String stock = redis.opsForValue().get(new SaleKeys(saleId).stock());
        return stock == null ? 0 : Long.parseLong(stock);
    }

    public List<Long> activeSaleIds() {
        var members = redis.opsForSet().members(SaleKeys.ACTIVE_SALES);
        return members == null ? List.of() : members.stream().map(Long::valueOf).sorted().toList();
    }

    private void createRelayGroup(String outbox) {
        try {
            redis.execute(connection -> connection.streamCommands()
                    .xGroupCreate(outbox.getBytes(), RELAY_GROUP, ReadOffset.from("0-0"), true), true);
        } catch (RedisSystemException e) {
            // Spring wraps Redis' answer ("Error in execution"); BUSYGROUP is in the cause's message.
            String answer = e.getMostSpecificCause().getMessage();
            if (answer == null || !answer.contains("BUSYGROUP")) {
                throw e;
            }
        }
    }
}
