package dev.seckill.seckill.sale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code seckill.sale.stock.left{sale}}: units left per active sale, read from Redis every few
 * seconds rather than on every scrape, so a busy Prometheus costs Redis nothing extra.
 */
@Component
class StockGauge {

    private final RedisSales sales;
    private final MultiGauge stockLeft;

    StockGauge(RedisSales sales, MeterRegistry meters) {
        this.sales = sales;
        this.stockLeft = MultiGauge.builder("seckill.sale.stock.left")
                .description("Units left per active sale, as Redis counts them")
                .baseUnit("units")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${seckill.metrics.refresh:5s}")
    void refresh() {
        stockLeft.register(sales.activeSaleIds().stream()
                .map(saleId -> MultiGauge.Row.of(Tags.of("sale", Long.toString(saleId)), sales.stockLeft(saleId)))
                .toList(), true);
    }
}
