package dev.seckill.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.seckill.api.ApiProblem.Kind;
import dev.seckill.architecture.fixture.StrayProblems;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue check passes because code and document agree, not because it cannot fail. */
class ProblemCatalogueCanFailTest {

    private static final Set<Kind> DOCUMENTED = ProblemCatalogue.documented();

    @Test
    void theFixturesAreFoundAsTheServicesEnumsAre() {
        assertThat(ProblemCatalogue.enums(new ClassFileImporter().importClasses(StrayProblems.Undocumented.class, StrayProblems.class)))
                .containsExactly(StrayProblems.Undocumented.class);
    }

    static Stream<Arguments> strays() {
        return Stream.of(
                arguments("a kind the document lacks", StrayProblems.Undocumented.class, "made-up"),
                arguments("a documented slug with another title", StrayProblems.Retitled.class, "All gone"));
    }

    @ParameterizedTest(name = "{0} fails")
    @MethodSource("strays")
    void aKindTheCodeAnswersOtherwiseThanTheDocumentFails(String stray, Class<?> fixture, String named) {
        Set<Kind> answered = ProblemCatalogue.answered(withTheServices(fixture));

        assertThatThrownBy(() -> ProblemCatalogue.documentedAsAnswered(DOCUMENTED, answered))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(named);
    }

    @Test
    void aDocumentedKindNothingAnswersFails() {
        Set<Kind> documented = new HashSet<>(DOCUMENTED);
        documented.add(new Kind(409, "never-answered", "Never answered"));

        assertThatThrownBy(() -> ProblemCatalogue.documentedAsAnswered(documented, ProblemCatalogue.answered(ProblemCatalogue.IN_THE_SERVICES)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("never-answered");
    }

    private static Set<Class<?>> withTheServices(Class<?> fixture) {
        Set<Class<?>> enums = new HashSet<>(ProblemCatalogue.IN_THE_SERVICES);
        enums.add(fixture);
        return enums;
    }
}
