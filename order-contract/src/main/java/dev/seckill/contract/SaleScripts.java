package dev.seckill.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripts through which another service changes a sale's keys in Redis. seckill-service owns
 * every key of a sale ({@link SaleKeys}): its purchase script takes stock, counts buyers and writes
 * each order's status in one step, so whatever gives units back or moves a status must keep to the
 * same layout and the same rules in the same atomic way. seckill-service publishes these scripts as
 * its contract, next to the key layout; order-consumer runs them and names no key itself.
 *
 * <p>Each script's rules are in its source ({@code dev/seckill/contract/*.lua}). A call's keys all
 * carry one sale's hash tag, so each is valid on Redis Cluster.
 */
public final class SaleScripts {

    /** Gives an order's units back as its status becomes final; answers the status found, {@code ABSENT} without one. */
    public static final String RELEASE_STOCK = source("release-stock.lua");

    /** Marks orders CREATED unless they already moved on; answers how many it marked. */
    public static final String MARK_CREATED = source("mark-created.lua");

    /** Reads orders' statuses, {@code ""} for an order without one, in the order asked. */
    public static final String ORDER_STATUSES = source("order-statuses.lua");

    /** Marks a paid order PAID if it has a status hash; answers 1 if it did, 0 without one. */
    public static final String MARK_PAID = source("mark-paid.lua");

    /** Reads an order's status and shopper: {@code [status, userId]}, empty without a hash. */
    public static final String ORDER_HOLDER = source("order-holder.lua");

    private SaleScripts() {
    }

    /**
     * @param statusTtl how long the final status stays readable
     * @param to        the final status
     * @param from      the statuses from which the order may move to it, giving its units back
     */
    public static Call releaseStock(OrderId orderId, Duration statusTtl, OrderStatus to, OrderStatus... from) {
        SaleKeys sale = new SaleKeys(orderId.saleId());
        List<String> args = new ArrayList<>(List.of(Long.toString(statusTtl.toMillis()), StockEvent.CHANNEL,
                Long.toString(orderId.saleId()), to.name()));
        for (OrderStatus status : from) {
            args.add(status.name());
        }
        return new Call(List.of(sale.order(orderId), sale.stock(), sale.buyers()), args);
    }

    /** @param orders orders of one sale, committed to the database */
    public static Call markCreated(List<CreatedOrder> orders, Duration statusTtl) {
        List<String> args = new ArrayList<>(2 * orders.size() + 1);
        args.add(Long.toString(statusTtl.toMillis()));
        for (CreatedOrder order : orders) {
            args.add(order.userId());
            args.add(Integer.toString(order.quantity()));
        }
        return new Call(statusKeys(orders.stream().map(CreatedOrder::orderId).toList()), args);
    }

    /** @param orders orders of one sale */
    public static Call orderStatuses(List<OrderId> orders) {
        return new Call(statusKeys(orders), List.of());
    }

    /** A call of {@link #MARK_PAID} or {@link #ORDER_HOLDER}: the one order's hash, no arguments. */
    public static Call order(OrderId orderId) {
        return new Call(List.of(new SaleKeys(orderId.saleId()).order(orderId)), List.of());
    }

    private static List<String> statusKeys(List<OrderId> orders) {
        if (orders.stream().map(OrderId::saleId).distinct().count() > 1) {
            throw new IllegalArgumentException("one call covers the orders of one sale: its keys must share a hash slot");
        }
        return orders.stream().map(order -> new SaleKeys(order.saleId()).order(order)).toList();
    }

    private static String source(String name) {
        try (InputStream in = SaleScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("script " + name + " is missing from the contract's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("script " + name + " is unreadable", e);
        }
    }

    /** One call of a script: the keys and the arguments in the order the script reads them. */
    public record Call(List<String> keys, List<String> args) {
    }

    /** An order as the CREATED status hash keeps it. */
    public record CreatedOrder(OrderId orderId, String userId, int quantity) {
    }
}
