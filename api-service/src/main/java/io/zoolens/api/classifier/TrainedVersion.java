package io.zoolens.api.classifier;

import java.util.List;
import java.util.Map;

/**
 * A version the classifier trained and wrote, in Zoolens's own terms: its number, the backbone it stands on, the
 * cross-validated figures and the pictures per class.
 */
public record TrainedVersion(
        String version,
        String backbone,
        String backboneVersion,
        Double accuracy,
        String method,
        Integer folds,
        List<ClassFigures> perClass,
        Map<String, Integer> counts,
        int pictures,
        long trainingMillis) {

    public record ClassFigures(String label, Integer support, Double precision, Double recall, Double f1) {}
}
