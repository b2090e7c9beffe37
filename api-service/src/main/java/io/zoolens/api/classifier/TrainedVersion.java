package io.zoolens.api.classifier;

import java.util.List;
import java.util.Map;

/**
 * A version the classifier trained and wrote, in Zoolens's own terms: its number, the backbone it stands on, the
 * cross-validated figures and the pictures per class.
 *
 * @param confusion cross-validated counts, row = actual, column = predicted, both in {@code confusionLabels} order
 * @param misclassified the pictures cross-validation got wrong, by the picture ids the training was sent
 */
public record TrainedVersion(
        String version,
        String backbone,
        String backboneVersion,
        Double accuracy,
        String method,
        Integer folds,
        List<ClassFigures> perClass,
        List<String> confusionLabels,
        List<List<Integer>> confusion,
        List<Misclassified> misclassified,
        Map<String, Integer> counts,
        int pictures,
        long trainingMillis) {

    public record Misclassified(String pictureId, String actual, String predicted) {}

    public record ClassFigures(String label, Integer support, Double precision, Double recall, Double f1) {}
}
