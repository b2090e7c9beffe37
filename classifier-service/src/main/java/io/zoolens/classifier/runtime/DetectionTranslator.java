package io.zoolens.classifier.runtime;

import io.zoolens.model.InputGeometry;
import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects with label, score and box from rows of {@code [x1, y1, x2, y2, score, class]}, boxes
 * mapped back to the original photo; plus each label's best score so a client can say "cat 0.91".
 */
final class DetectionTranslator extends TensorInputTranslator {

    private static final int ROW = 6;
    private final boolean normalizedBoxes;
    /** Above 1 no two boxes overlap that much, so nothing is suppressed. */
    private final float nmsIouThreshold;

    private final List<String> labels;

    DetectionTranslator(ModelMetadata metadata, List<String> labels) {
        super(metadata);
        ModelMetadata.Postprocess post = metadata.postprocess();
        this.normalizedBoxes = post != null && post.boxUnits() == ModelMetadata.BoxUnits.NORMALIZED;
        this.nmsIouThreshold = post != null && post.nmsIouThreshold() != null ? post.nmsIouThreshold() : 2f;
        this.labels = labels;
    }

    @Override
    Prediction read(float[] rows, ModelInput input) {
        return fromRows(rows, input);
    }

    Prediction fromRows(float[] rows, ModelInput input) {
        InputGeometry geometry = input.geometry();
        double unitX = normalizedBoxes ? geometry.inputWidth() : 1;
        double unitY = normalizedBoxes ? geometry.inputHeight() : 1;
        List<Prediction.DetectedObject> objects = new ArrayList<>();
        for (int row = 0; row + ROW <= rows.length; row += ROW) {
            float score = rows[row + 4];
            int labelIndex = Math.round(rows[row + 5]);
            if (score < input.minScore() || labelIndex < 0 || labelIndex >= labels.size()) {
                continue;
            }
            InputGeometry.Box box = geometry.toOriginal(
                    rows[row] * unitX, rows[row + 1] * unitY, rows[row + 2] * unitX, rows[row + 3] * unitY);
            if (box.width() > 0 && box.height() > 0) {
                objects.add(new Prediction.DetectedObject(labels.get(labelIndex), score, box));
            }
        }
        objects.sort(
                Comparator.comparingDouble(Prediction.DetectedObject::score).reversed());
        List<Prediction.DetectedObject> kept = suppressOverlaps(objects);
        return new Prediction(bestPerLabel(kept, input.topK()), kept, null);
    }

    /** Greedy non-maximum suppression per label over objects sorted best first. */
    private List<Prediction.DetectedObject> suppressOverlaps(List<Prediction.DetectedObject> sortedObjects) {
        List<Prediction.DetectedObject> kept = new ArrayList<>();
        for (Prediction.DetectedObject candidate : sortedObjects) {
            boolean duplicate = kept.stream()
                    .anyMatch(better -> better.label().equals(candidate.label())
                            && intersectionOverUnion(better.box(), candidate.box()) > nmsIouThreshold);
            if (!duplicate) {
                kept.add(candidate);
            }
        }
        return List.copyOf(kept);
    }

    static double intersectionOverUnion(InputGeometry.Box a, InputGeometry.Box b) {
        double width = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        double height = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        if (width <= 0 || height <= 0) {
            return 0;
        }
        double intersection = width * height;
        return intersection / (a.width() * a.height() + b.width() * b.height() - intersection);
    }

    private static List<Prediction.LabelScore> bestPerLabel(List<Prediction.DetectedObject> sortedObjects, int k) {
        Map<String, Float> best = new LinkedHashMap<>();
        for (Prediction.DetectedObject object : sortedObjects) {
            best.putIfAbsent(object.label(), object.score());
        }
        return best.entrySet().stream()
                .limit(k)
                .map(e -> new Prediction.LabelScore(e.getKey(), e.getValue()))
                .toList();
    }
}
