package dev.seckill.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The route check passes because document and routes agree, not because it cannot fail. */
class RouteCheckCanFailTest {

    private static final Set<Operation> DOCUMENTED = Operation.documented(ParsedDocument.load().openApi());
    private static final Operation PURCHASE = new Operation("POST", "/api/sales/{saleId}/purchases");

    @Test
    void aRouteMissingFromTheDocumentFails() {
        Set<Operation> routed = new HashSet<>(DOCUMENTED);
        routed.add(new Operation("DELETE", "/api/orders/{orderId}"));

        assertThatThrownBy(() -> RouteCheck.documentedAsRouted(DOCUMENTED, routed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DELETE /api/orders/{orderId}");
    }

    @Test
    void aDocumentedOperationNothingRoutesFails() {
        Set<Operation> routed = new HashSet<>(DOCUMENTED);
        routed.remove(PURCHASE);

        assertThatThrownBy(() -> RouteCheck.documentedAsRouted(DOCUMENTED, routed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(PURCHASE.toString());
    }
}
