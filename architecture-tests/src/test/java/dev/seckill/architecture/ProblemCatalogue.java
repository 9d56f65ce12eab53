package dev.seckill.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.seckill.api.ApiDocument;
import dev.seckill.api.ApiProblem;
import dev.seckill.api.ApiProblem.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The kinds of problem the code answers and those the API document lists. The code's are the
 * constants of every enum implementing {@link ApiProblem}, whichever module it is in, so a kind that
 * moves between services is still found.
 */
final class ProblemCatalogue {

    /** The enums of problem kinds in the main code of every module, read once for all the tests. */
    static final Set<Class<?>> IN_THE_SERVICES = enums(new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.seckill"));

    private ProblemCatalogue() {
    }

    static Set<Class<?>> enums(JavaClasses classes) {
        return classes.stream()
                .filter(JavaClass::isEnum)
                .filter(type -> type.isAssignableTo(ApiProblem.class))
                .map(JavaClass::reflect)
                .collect(Collectors.toSet());
    }

    static Set<Kind> answered(Collection<Class<?>> enums) {
        return enums.stream()
                .flatMap(type -> Arrays.stream(type.getEnumConstants()))
                .map(problem -> ((ApiProblem) problem).kind())
                .collect(Collectors.toSet());
    }

    /** The document's {@code ProblemType} schema: one {@code const} type per kind, with its status and title. */
    static Set<Kind> documented() {
        JsonNode kinds = document().at("/components/schemas/ProblemType/oneOf");
        assertThat(kinds.isArray()).as("the document's ProblemType is a oneOf").isTrue();
        return StreamSupport.stream(kinds.spliterator(), false)
                .map(kind -> new Kind(kind.path("x-status").asInt(), slug(kind.path("const").asText()),
                        kind.path("title").asText()))
                .collect(Collectors.toSet());
    }

    /**
     * The document lists exactly the kinds the code answers. One slug answered with two statuses or
     * titles (in two modules, say) is two kinds here, and the document can list only one of them.
     */
    static void documentedAsAnswered(Set<Kind> documented, Set<Kind> answered) {
        assertThat(documented)
                .as("problem types of the API document (expected: those the code answers)")
                .containsExactlyInAnyOrderElementsOf(answered);
    }

    private static String slug(String type) {
        assertThat(type).startsWith(ApiProblem.TYPE_PREFIX);
        return type.substring(ApiProblem.TYPE_PREFIX.length());
    }

    private static JsonNode document() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(ApiDocument.RESOURCE)) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
