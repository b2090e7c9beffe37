package io.zoolens.classifier.runtime;

import io.zoolens.model.InputGeometry;
import java.util.List;

/**
 * What a model saw. Classification fills {@code labels} and, for a model with a reject rule, {@code verdict};
 * detection fills {@code objects} and, per label, its best object score in {@code labels}; embedding fills
 * {@code embedding}.
 */
public record Prediction(List<LabelScore> labels, List<DetectedObject> objects, float[] embedding, Verdict verdict) {

    Prediction(List<LabelScore> labels, List<DetectedObject> objects, float[] embedding) {
        this(labels, objects, embedding, null);
    }

    public record LabelScore(String label, float score) {}

    public record DetectedObject(String label, float score, InputGeometry.Box box) {}

    /**
     * The reject rule's answer: {@code unknown} when the image is none of the model's classes; {@code reasons}
     * the tests that refused it ({@link RejectDecision#LOW_SIMILARITY}, {@link RejectDecision#LOW_PROBABILITY});
     * the measured values beside the model's thresholds (null where the rule has none).
     */
    public record Verdict(
            boolean unknown,
            List<String> reasons,
            Float similarity,
            Double minSimilarity,
            float probability,
            Double minProbability) {}

    static Prediction ofLabels(List<LabelScore> labels) {
        return new Prediction(labels, null, null);
    }
}
