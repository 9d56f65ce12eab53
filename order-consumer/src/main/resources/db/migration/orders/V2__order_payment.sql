-- The order lifecycle after creation: paid, or cancelled when unpaid past its deadline.
-- pay_by: the payment deadline (placed_at + the sale's payment window), UTC like every time here.
-- paid_at / payment_ref: when and under which provider reference the order was charged.
-- cancelled_at / stock_returned: a cancellation is committed first (CANCELLED, stock_returned = 0),
-- then its units go back to Redis, then stock_returned = 1; rows left at 0 by a crashed canceller are
-- finished by the next pass, which is safe because the Redis step itself happens only once.
ALTER TABLE orders
    ADD COLUMN pay_by         DATETIME(3) NULL,
    ADD COLUMN paid_at        DATETIME(3) NULL,
    ADD COLUMN payment_ref    VARCHAR(64) NULL,
    ADD COLUMN cancelled_at   DATETIME(3) NULL,
    ADD COLUMN stock_returned TINYINT(1)  NOT NULL DEFAULT 0,
    -- unpaid orders past their deadline, oldest first
    ADD KEY idx_orders_status_pay_by (status, pay_by),
    -- cancellations whose units are not back in Redis yet
    ADD KEY idx_orders_status_returned (status, stock_returned);

-- Orders written before there was a deadline get the default window.
UPDATE orders SET pay_by = DATE_ADD(placed_at, INTERVAL 15 MINUTE) WHERE pay_by IS NULL;
