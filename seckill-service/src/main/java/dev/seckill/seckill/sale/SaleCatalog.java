package dev.seckill.seckill.sale;

import dev.seckill.api.CreateSaleRequest;
import dev.seckill.web.ProblemType;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Service;

/** Creates sales durably, keeps Redis warm, and answers what a sale looks like now. */
@Service
public class SaleCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SaleCatalog.class);

    private final SaleRepository repository;
    private final RedisSales redisSales;
    private final SoldOutFlags soldOut;
    private final Clock clock;

    SaleCatalog(SaleRepository repository, RedisSales redisSales, SoldOutFlags soldOut, Clock clock) {
        this.repository = repository;
        this.redisSales = redisSales;
        this.soldOut = soldOut;
        this.clock = clock;
    }

    public SaleView create(CreateSaleRequest request) {
        Sale sale = repository.insert(request);
        redisSales.warm(sale, () -> SoldUnits.NONE);
        log.atInfo().addKeyValue("saleId", sale.id()).addKeyValue("stock", sale.stock())
                .log("sale created and warmed");
        return SaleView.of(sale, sale.stock());
    }

    public SaleView get(long saleId) {
        Sale sale = redisSales.find(saleId)
                .or(() -> repository.find(saleId))
                .orElseThrow(() -> ProblemType.SALE_NOT_FOUND.exception("No sale with id " + saleId));
        long stockLeft = redisSales.stockLeft(saleId);
        if (stockLeft > 0) {
            soldOut.clear(saleId);
        }
        return SaleView.of(sale, stockLeft);
    }

    /** Stops all further purchases of a sale; orders already accepted go on to the database. */
    public SaleView close(long saleId) {
        if (!repository.updateState(saleId, SaleState.CLOSED)) {
            throw ProblemType.SALE_NOT_FOUND.exception("No sale with id " + saleId);
        }
        redisSales.markState(saleId, SaleState.CLOSED);
        log.atInfo().addKeyValue("saleId", saleId).log("sale closed");
        return get(saleId);
    }

    public List<SaleView> list(int limit) {
        return repository.findAll(limit).stream()
                .map(sale -> SaleView.of(sale, redisSales.stockLeft(sale.id())))
                .toList();
    }

    /** Re-warms every open sale at start-up, so a flushed or new Redis node serves them again. */
    @Override
    public void run(ApplicationArguments args) {
        List<Sale> open = repository.findOpen(clock.instant());
        open.forEach(sale -> redisSales.warm(sale, () -> repository.soldUnits(sale.id())));
        log.atInfo().addKeyValue("sales", open.size()).log("open sales warmed into Redis");
    }
}
