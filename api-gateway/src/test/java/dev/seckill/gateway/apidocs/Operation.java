package dev.seckill.gateway.apidocs;

import dev.seckill.gateway.route.Endpoints;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Set;
import java.util.stream.Collectors;

/** A method on a path, such as {@code POST /api/sales/{saleId}/purchases}: what a route and a documented operation share. */
record Operation(String method, String path) {

    static Set<Operation> routed(Endpoints endpoints) {
        return endpoints.all().stream()
                .map(endpoint -> new Operation(endpoint.method().name(), endpoint.path()))
                .collect(Collectors.toSet());
    }

    static Set<Operation> documented(OpenAPI document) {
        return document.getPaths().entrySet().stream()
                .flatMap(path -> path.getValue().readOperationsMap().keySet().stream()
                        .map(method -> new Operation(method.name(), path.getKey())))
                .collect(Collectors.toSet());
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
