package dev.seckill.api;

/**
 * Where the OpenAPI document of the public API lives on the classpath: the gateway serves it, and
 * the tests hold it against the routes and the problem types the code answers.
 */
public final class ApiDocument {

    public static final String RESOURCE = "/dev/seckill/api/openapi.yaml";

    private ApiDocument() {
    }
}
