-- seckill-service's scheduled reconciliation asks, on every active or recently ended sale, whether
-- unpaid orders are due for cancellation soon and whether cancelled units are still on their way back.
-- Both must cost an index seek, not a read of the sale's orders: widening two indexes answers each
-- from the index alone, with no index more for the consumer's inserts to maintain.
-- (sale_id, status) -> (sale_id, status, pay_by): a sale's CREATED orders due before a time.
-- (status, stock_returned) -> (status, stock_returned, sale_id): a sale's cancellations not returned;
-- the canceller's own look-up of every such row still uses its prefix.
ALTER TABLE orders
    DROP KEY idx_orders_sale_status,
    ADD KEY idx_orders_sale_status_pay_by (sale_id, status, pay_by),
    DROP KEY idx_orders_status_returned,
    ADD KEY idx_orders_status_returned_sale (status, stock_returned, sale_id);
