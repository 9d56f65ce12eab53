package dev.seckill.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every problem type the platform can answer is in the API document, and the document lists no other. */
class ProblemCatalogueTest {

    @Test
    void theDocumentListsEveryProblemTypeTheCodeAnswersAndNoOther() {
        // The gateway, web-support and seckill-service each answer problems of their own.
        assertThat(ProblemCatalogue.IN_THE_SERVICES).as("enums of problem kinds found").hasSizeGreaterThanOrEqualTo(3);

        ProblemCatalogue.documentedAsAnswered(ProblemCatalogue.documented(), ProblemCatalogue.answered(ProblemCatalogue.IN_THE_SERVICES));
    }
}
