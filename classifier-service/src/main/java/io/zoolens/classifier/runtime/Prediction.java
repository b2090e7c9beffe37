package io.zoolens.classifier.runtime;

import io.zoolens.model.InputGeometry;
import java.util.List;

/**
 * What a model saw. Classification fills {@code labels}; detection fills {@code objects} and, per
 * label, its best object score in {@code labels}; embedding fills {@code embedding}.
 */
public record Prediction(List<LabelScore> labels, List<DetectedObject> objects, float[] embedding) {

    public record LabelScore(String label, float score) {}

    public record DetectedObject(String label, float score, InputGeometry.Box box) {}

    static Prediction ofLabels(List<LabelScore> labels) {
        return new Prediction(labels, null, null);
    }
}
