package dev.seckill.seckill.reconciliation;

import dev.seckill.seckill.audit.Audited;
import jakarta.validation.constraints.Positive;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/api/admin/sales/{saleId}/reconciliation")
    ReconciliationReport report(@PathVariable @Positive long saleId) {
        return reconciliation.report(saleId);
    }

    /** {@code 409 sale-not-quiescent} unless the sale is quiescent (see {@link Reconciliation}). */
    @PostMapping("/api/admin/sales/{saleId}/reconciliation/repair")
    @Audited("repair")
    ReconciliationReport repair(@PathVariable @Positive long saleId) {
        return reconciliation.repair(saleId);
    }
}
