package io.zoolens.classifier.runtime;

import io.zoolens.model.ModelMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a trained model's reject rule ({@code reject} in its zoolens-model.json): an image is {@code unknown}
 * when its best centroid similarity or its best probability lies below the threshold calibrated on the
 * training pictures, because a softmax alone names some class, often at 90%, even for a photo unlike all.
 */
record RejectDecision(Double minSimilarity, Double minProbability) {

    static final String LOW_SIMILARITY = "low-similarity";
    static final String LOW_PROBABILITY = "low-probability";

    static RejectDecision of(ModelMetadata.Reject rule) {
        return new RejectDecision(rule.minSimilarity(), rule.minProbability());
    }

    /**
     * @param bestProbability the highest probability over all classes, before any top-k or minimum-score cut
     * @param similarity the best cosine similarity to a class centroid, or null when the model gives none
     */
    Prediction.Verdict decide(float bestProbability, Float similarity) {
        // Compared in float, the precision the model answers in: a value equal to its threshold passes.
        List<String> reasons = new ArrayList<>(2);
        if (minSimilarity != null && (similarity == null || !(similarity >= minSimilarity.floatValue()))) {
            reasons.add(LOW_SIMILARITY);
        }
        if (minProbability != null && !(bestProbability >= minProbability.floatValue())) {
            reasons.add(LOW_PROBABILITY);
        }
        return new Prediction.Verdict(
                !reasons.isEmpty(), List.copyOf(reasons), similarity, minSimilarity, bestProbability, minProbability);
    }
}
