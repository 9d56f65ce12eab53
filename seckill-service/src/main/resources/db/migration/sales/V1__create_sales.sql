CREATE TABLE sales (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    sku_id         VARCHAR(64)   NOT NULL,
    title          VARCHAR(200)  NOT NULL,
    price          DECIMAL(12,2) NOT NULL,
    stock          INT           NOT NULL,
    start_at       DATETIME(3)   NOT NULL,
    end_at         DATETIME(3)   NOT NULL,
    per_user_limit INT           NOT NULL,
    state          VARCHAR(16)   NOT NULL,
    created_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    KEY idx_sales_state_end (state, end_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
