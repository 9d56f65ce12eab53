package dev.seckill.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

/** The document lists exactly the operations the gateway routes: none missing, none made up. */
final class RouteCheck {

    private RouteCheck() {
    }

    static void documentedAsRouted(Set<Operation> documented, Set<Operation> routed) {
        assertThat(documented)
                .as("operations of the API document (expected: the gateway's routes)")
                .containsExactlyInAnyOrderElementsOf(routed);
    }
}
