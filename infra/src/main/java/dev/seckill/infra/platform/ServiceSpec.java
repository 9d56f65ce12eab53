package dev.seckill.infra.platform;

import java.util.List;

/**
 * One of the platform's three services: the Maven module that builds it and the port it listens
 * on by default.
 */
public record ServiceSpec(String name, int defaultPort) {

    public static final ServiceSpec ORDER_CONSUMER = new ServiceSpec("order-consumer", 8082);
    public static final ServiceSpec SECKILL_SERVICE = new ServiceSpec("seckill-service", 8081);
    public static final ServiceSpec API_GATEWAY = new ServiceSpec("api-gateway", 8080);

    public static final List<ServiceSpec> ALL = List.of(ORDER_CONSUMER, SECKILL_SERVICE, API_GATEWAY);

    /** Environment variable that moves this service to another port, e.g. {@code SECKILL_GATEWAY_PORT}. */
    public String portVariable() {
        return switch (name) {
            case "api-gateway" -> "SECKILL_GATEWAY_PORT";
            case "seckill-service" -> "SECKILL_SERVICE_PORT";
            case "order-consumer" -> "SECKILL_CONSUMER_PORT";
            // a program run like a service on a port of its own choosing (a benchmark's baseline)
            default -> "SERVER_PORT";
        };
    }
}
