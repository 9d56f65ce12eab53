package dev.seckill.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.seckill.architecture.ProblemCatalogue.Kind;
import dev.seckill.architecture.fixture.StrayProblems;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue check passes because code and document agree, not because it cannot fail. */
class ProblemCatalogueCanFailTest {

    private static final Set<Kind> DOCUMENTED = ProblemCatalogue.documented();

    @Test
    void theFixturesAreFoundAsTheServicesEnumsAre() {
        assertThat(ProblemCatalogue.enums(new ClassFileImporter().importClasses(StrayProblems.Undocumented.class, StrayProblems.class)))
                .containsExactly(StrayProblems.Undocumented.class);
    }

    @Test
    void aKindTheCodeAnswersButTheDocumentLacksFails() {
        Set<Kind> answered = ProblemCatalogue.answered(withTheServices(StrayProblems.Undocumented.class));

        assertThatThrownBy(() -> ProblemCatalogue.documentedAsAnswered(DOCUMENTED, answered))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("made-up");
    }

    @Test
    void aSlugAnsweredWithAnotherTitleThanTheDocumentsFails() {
        Set<Kind> answered = ProblemCatalogue.answered(withTheServices(StrayProblems.Retitled.class));

        assertThatThrownBy(() -> ProblemCatalogue.documentedAsAnswered(DOCUMENTED, answered))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("All gone");
    }

    @Test
    void aDocumentedKindNothingAnswersFails() {
        Set<Kind> documented = new HashSet<>(DOCUMENTED);
        documented.add(new Kind("never-answered", 409, "Never answered"));

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
