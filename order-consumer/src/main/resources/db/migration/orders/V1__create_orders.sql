-- One row per accepted order, written by order-consumer; seckill-service reads it by primary key
-- to answer for orders whose Redis status has expired.
-- id: the UUIDv7 part of the public order id "<saleId>-<uuid>". UUIDv7 text sorts by time, so
-- inserts append to the end of the clustered index instead of splitting pages.
-- Times are UTC (DATETIME, not TIMESTAMP: no session time-zone conversion, no 2038 limit).
CREATE TABLE orders (
    id         CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    sale_id    BIGINT        NOT NULL,
    user_id    VARCHAR(64)   NOT NULL,
    quantity   INT           NOT NULL,
    unit_price DECIMAL(12, 2) NOT NULL,
    status     VARCHAR(16)   NOT NULL,
    placed_at  DATETIME(3)   NOT NULL,
    created_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    -- a shopper's orders, newest first
    KEY idx_orders_user_placed (user_id, placed_at),
    -- a sale's orders by state (reconciliation against the sale's stock)
    KEY idx_orders_sale_status (sale_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
