package dev.seckill.infra.server;

import java.util.Map;

/**
 * The Redis, MySQL-compatible and Kafka servers the services need, wherever they run: local
 * processes ({@link LocalServers}) or, where a Docker engine exists, containers.
 */
public interface Servers {

    /** Starts whatever is not running yet and blocks until every server is ready. */
    void startAll();

    void stopAll();

    /** The environment variables that point a service at these servers (Spring Boot relaxed binding). */
    Map<String, String> serviceEnvironment();
}
