package dev.seckill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Every property Spring Boot and the libraries on the services' classpath document
 * (META-INF/spring-configuration-metadata.json), so a misspelled variable such as
 * SPRING_DATASOURCE_URLL is caught: Spring would just ignore it.
 */
final class KnownProperties {

    /** Variables read by the JVM or the container, not by Spring. */
    private static final Set<String> PLAIN_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");

    private static final Set<String> EXACT = new HashSet<>();
    private static final Set<String> PREFIXES = new HashSet<>();

    static {
        try {
            ObjectMapper json = new ObjectMapper();
            for (URL url : Collections.list(KnownProperties.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String canonical = ServiceApp.canonicalProperty(property.path("name").asText());
                        String type = property.path("type").asText("");
                        EXACT.add(canonical);
                        if (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
                                || type.endsWith("[]")) {
                            PREFIXES.add(canonical);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KnownProperties() {
    }

    static boolean isKnown(String variable, ServiceApp service) {
        if (PLAIN_VARIABLES.contains(variable) || service.reads(variable)) {
            return true;
        }
        String canonical = ServiceApp.canonicalEnv(variable);
        return EXACT.contains(canonical) || PREFIXES.stream().anyMatch(canonical::startsWith);
    }

    static int size() {
        return EXACT.size();
    }
}
