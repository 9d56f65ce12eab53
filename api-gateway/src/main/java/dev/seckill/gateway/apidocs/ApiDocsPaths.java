package dev.seckill.gateway.apidocs;

/** The API's document and its viewer: public, for anyone, and only to be read. */
public final class ApiDocsPaths {

    /** The OpenAPI document, as JSON. */
    public static final String DOCUMENT = "/v3/api-docs";
    /** Swagger UI's page; its assets are below it. */
    public static final String UI = "/api-docs";

    private ApiDocsPaths() {
    }
}
