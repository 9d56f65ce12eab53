package dev.seckill.gateway.apidocs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.seckill.api.ApiDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The API's OpenAPI document and Swagger UI ({@link ApiDocsPaths}). All of it is read into memory at
 * start-up, so that serving it never reads a file on an event loop; none of it comes from the
 * configuration, so none of it can carry a secret.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {

    /**
     * What Swagger UI's page needs and nothing more: its own scripts and styles from this gateway
     * (inline styles too, which it sets on what it renders), its icons as data: images, and the
     * document from here. The JSON API keeps its {@code default-src 'none'}.
     */
    static final String UI_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final String WEB_JAR = "/META-INF/resources/webjars/swagger-ui/";
    private static final List<String> WEB_JAR_ASSETS = List.of("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png");

    @Bean
    RouterFunction<ServerResponse> apiDocs(ObjectMapper json) {
        byte[] document = asJson(json);
        // The page and the script that starts Swagger UI on it are ours, so that no script is inline.
        byte[] page = read("/apidocs/index.html");
        RouterFunctions.Builder routes = RouterFunctions.route()
                .GET(ApiDocsPaths.DOCUMENT, request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(document))
                .GET(ApiDocsPaths.UI, request -> ui(MediaType.TEXT_HTML, page));
        String webJar = WEB_JAR + webJarVersion() + "/";
        WEB_JAR_ASSETS.forEach(asset -> asset(routes, asset, read(webJar + asset)));
        asset(routes, "swagger-initializer.js", read("/apidocs/swagger-initializer.js"));
        return routes.build();
    }

    private static void asset(RouterFunctions.Builder routes, String name, byte[] bytes) {
        MediaType type = MediaTypeFactory.getMediaType(name).orElseThrow();
        routes.GET(ApiDocsPaths.UI + "/" + name, request -> ui(type, bytes));
    }

    private static Mono<ServerResponse> ui(MediaType type, byte[] body) {
        // Set here, Spring Security's strict policy is not written over it (it writes only a missing header).
        return ServerResponse.ok().contentType(type)
                .header(ContentSecurityPolicyServerHttpHeadersWriter.CONTENT_SECURITY_POLICY, UI_POLICY).bodyValue(body);
    }

    private static byte[] asJson(ObjectMapper json) {
        try {
            return json.writeValueAsBytes(new YAMLMapper().readTree(read(ApiDocument.RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException("the API document is not valid YAML", e);
        }
    }

    /** The web jar's version, from its own Maven metadata: the parent pom chooses it, nothing repeats it. */
    private static String webJarVersion() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(read("/META-INF/maven/org.webjars/swagger-ui/pom.properties"),
                    StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiDocsConfig.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing on the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
