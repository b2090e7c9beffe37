package io.zoolens.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusProblemTests {

    @ParameterizedTest
    @CsvSource({
        "400, validation-failed",
        "401, not-authenticated",
        "403, forbidden",
        "404, not-found",
        "405, method-not-allowed",
        "406, not-acceptable",
        "413, request-too-large",
        "415, unsupported-media-type",
        "500, internal-error",
        "503, internal-error",
        "409, http-409",
        "418, http-418"
    })
    void aBareStatusHasOneType(int status, String slug) {
        assertThat(StatusProblem.slugFor(status)).isEqualTo(slug);
    }

    @ParameterizedTest
    @CsvSource({"VALIDATION_FAILED, 400", "NOT_FOUND, 404", "INTERNAL_ERROR, 500"})
    void theTableKnowsStatusTitleAndTypeUri(StatusProblem problem, int status) {
        assertThat(problem.status().value()).isEqualTo(status);
        assertThat(problem.type()).hasToString("https://zoolens.io/problems/" + problem.slug());
        assertThat(problem.title()).isNotBlank();
    }
}
