package dev.seckill.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.api.ApiDocument;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The API document as an OpenAPI tool reads it, with what the tool found wrong. */
record ParsedDocument(String yaml, SwaggerParseResult result) {

    static ParsedDocument load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(ApiDocument.RESOURCE)) {
            assertThat(in).as(ApiDocument.RESOURCE).isNotNull();
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            return new ParsedDocument(yaml, new OpenAPIV3Parser().readContents(yaml, null, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OpenAPI openApi() {
        return result.getOpenAPI();
    }
}
