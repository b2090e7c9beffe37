package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.classifier.ClassifierRejectedException;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import org.junit.jupiter.api.Test;

/** How the classifier's final refusal of an upload becomes the api's own problem. */
class ClassifierCallTests {

    @Test
    void aKnownProblemTypeIsPassedOnWithItsDetail() {
        ApiException refused = ClassifierCall.refused(
                new ClassifierRejectedException(415, "unsupported-image", "Unsupported image", "not an image"));

        assertThat(refused.problemType()).isEqualTo(ProblemType.UNSUPPORTED_IMAGE);
        assertThat(refused.getMessage()).isEqualTo("not an image");
    }

    @Test
    void anUnknownProblemTypeBecomesAValidationFailureNamingTheClassifiersStatus() {
        ApiException refused = ClassifierCall.refused(
                new ClassifierRejectedException(418, "no-such-type", "Teapot", "short and stout"));

        assertThat(refused.problemType()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(refused.getMessage()).isEqualTo("The classifier refused the image: short and stout");
        assertThat(refused.properties()).containsEntry("classifierStatus", 418);
    }
}
