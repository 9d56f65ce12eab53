package dev.seckill.seckill.sale;

import dev.seckill.api.CreateSaleRequest;
import dev.seckill.seckill.audit.Audited;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SaleController {

    private final SaleCatalog catalog;

    SaleController(SaleCatalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping("/api/admin/sales")
    @Audited("create")
    ResponseEntity<SaleView> create(@Valid @RequestBody CreateSaleRequest request) {
        SaleView sale = catalog.create(request);
        return ResponseEntity.created(URI.create("/api/sales/" + sale.saleId())).body(sale);
    }

    @PostMapping("/api/admin/sales/{saleId}/close")
    @Audited("close")
    SaleView close(@PathVariable @Positive long saleId) {
        return catalog.close(saleId);
    }

    @GetMapping("/api/admin/sales")
    List<SaleView> list(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return catalog.list(limit);
    }

    @GetMapping("/api/sales/{saleId}")
    SaleView get(@PathVariable @Positive long saleId) {
        return catalog.get(saleId);
    }
}
