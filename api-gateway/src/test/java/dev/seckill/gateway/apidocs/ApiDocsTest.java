package dev.seckill.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.gateway.route.Endpoints;
import io.swagger.v3.oas.models.SpecVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The API's document is valid OpenAPI 3.1, lists exactly what is routed, and is served to anyone, read-only. */
class ApiDocsTest extends GatewayTestBase {

    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Endpoints endpoints;

    @Test
    void theDocumentIsOpenApi31WithoutFaults() {
        ParsedDocument document = ParsedDocument.load();

        assertThat(document.result().getMessages()).as("what the OpenAPI parser found wrong").isEmpty();
        assertThat(document.openApi().getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(document.openApi().getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void theDocumentListsEveryRouteAndNothingElse() {
        RouteCheck.documentedAsRouted(Operation.documented(ParsedDocument.load().openApi()), Operation.routed(endpoints));
    }

    @Test
    void theDocumentIsServedAsJsonWithoutATokenWithTheApisStrictHeaders() throws IOException, InterruptedException {
        HttpResponse<String> answer = get("/v3/api-docs");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(API_POLICY);
        assertThat(new ObjectMapper().readTree(answer.body())).isEqualTo(new YAMLMapper().readTree(ParsedDocument.load().yaml()));
        assertThat(answer.body()).doesNotContain(SECRETS.internalToken());
    }

    @Test
    void swaggerUiIsServedWithoutATokenUnderAPolicyOfItsOwnFromThisGatewayOnly() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/api-docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ApiDocsConfig.UI_POLICY);
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("//");
        List<String> assets = ASSET.matcher(page.body()).results().map(match -> match.group(1)).toList();
        assertThat(assets).hasSize(4).allSatisfy(asset -> assertThat(asset).startsWith("/api-docs/"));
        for (String asset : assets) {
            HttpResponse<String> answer = get(asset);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(asset).hasValue(ApiDocsConfig.UI_POLICY);
        }
    }

    @Test
    void theDocsAreOnlyToBeRead() throws IOException, InterruptedException {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(url("/v3/api-docs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
