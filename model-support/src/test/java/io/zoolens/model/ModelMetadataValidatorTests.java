package io.zoolens.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reject rule of a trained classification model is checked at load, like the rest of the file. */
class ModelMetadataValidatorTests {

    @Test
    void aModelWithoutRejectRuleAndOneWithACompleteRuleAreValid() {
        assertThat(ModelMetadataValidator.problems(classification(null, "similarity")))
                .isEmpty();
        assertThat(ModelMetadataValidator.problems(
                        classification(new ModelMetadata.Reject(0.9, 0.5, 0.05), "similarity")))
                .isEmpty();
        assertThat(ModelMetadataValidator.problems(classification(new ModelMetadata.Reject(null, 0.5, null), null)))
                .as("a probability threshold alone needs no similarity output")
                .isEmpty();
    }

    @Test
    void aSimilarityThresholdNeedsTheSimilarityOutput() {
        assertThat(ModelMetadataValidator.problems(classification(new ModelMetadata.Reject(0.9, 0.5, 0.05), null)))
                .containsExactly("reject.minSimilarity needs outputs.similarity (the best centroid similarity)");
    }

    @Test
    void thresholdsOutOfRangeOrMissingAreRefused() {
        assertThat(ModelMetadataValidator.problems(
                        classification(new ModelMetadata.Reject(1.5, -0.1, null), "similarity")))
                .containsExactly(
                        "reject.minSimilarity must lie in -1..1 (a cosine similarity)",
                        "reject.minProbability must lie in 0..1");
        assertThat(ModelMetadataValidator.problems(
                        classification(new ModelMetadata.Reject(Double.NaN, null, null), "similarity")))
                .containsExactly("reject.minSimilarity must lie in -1..1 (a cosine similarity)");
        assertThat(ModelMetadataValidator.problems(
                        classification(new ModelMetadata.Reject(null, null, 0.05), "similarity")))
                .containsExactly("reject needs minSimilarity, minProbability or both");
    }

    @Test
    void onlyClassificationModelsHaveARejectRule() {
        ModelMetadata embedding = new ModelMetadata(
                "m",
                "1",
                ModelMetadata.Task.EMBEDDING,
                null,
                input(),
                new ModelMetadata.Outputs(null, null, "embedding", "similarity"),
                null,
                null,
                null,
                new ModelMetadata.Reject(0.9, null, null));
        assertThat(ModelMetadataValidator.problems(embedding))
                .containsExactly("reject applies to classification models only");
    }

    private static ModelMetadata classification(ModelMetadata.Reject reject, String similarityOutput) {
        return new ModelMetadata(
                "m",
                "1",
                ModelMetadata.Task.CLASSIFICATION,
                null,
                input(),
                new ModelMetadata.Outputs("scores", null, "features", similarityOutput),
                "labels.txt",
                null,
                null,
                reject);
    }

    private static ModelMetadata.Input input() {
        return new ModelMetadata.Input(
                "x", 8, 8, ModelMetadata.Layout.NHWC, ModelMetadata.Resize.STRETCH, null, null, List.of(1f));
    }
}
