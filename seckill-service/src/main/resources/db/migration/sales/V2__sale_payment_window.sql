-- How long a shopper has to pay an order of this sale before it is cancelled and its units go back
-- on sale. Existing sales get the platform default of 15 minutes.
ALTER TABLE sales ADD COLUMN payment_window_seconds INT NOT NULL DEFAULT 900;
