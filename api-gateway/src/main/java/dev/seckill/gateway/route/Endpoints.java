package dev.seckill.gateway.route;

import java.util.List;

/** Every endpoint the gateway routes, in the order it tries them. */
public record Endpoints(List<Endpoint> all) {

    public Endpoints {
        all = List.copyOf(all);
    }
}
