package io.zoolens.classifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zoolens.model.InputGeometry;
import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Post-processing on small hand-made arrays. */
class TranslatorTests {

    private static final List<String> LABELS = List.of("background-free a", "b", "c");

    @Test
    void softmaxTurnsLogitsIntoProbabilitiesThatSumToOne() {
        ClassificationTranslator t = classification(ModelMetadata.Activation.SOFTMAX, 0);
        float[] p = t.activate(new float[] {1, 2, 3});
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, within(1e-6f));
        assertThat(p[2]).isCloseTo((float) (Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3))), within(1e-6f));
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        float[] p = classification(ModelMetadata.Activation.SOFTMAX, 0).activate(new float[] {1000, 1000, 0});
        assertThat(p[0]).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void sigmoidScoresEachLabelOnItsOwn() {
        float[] p = classification(ModelMetadata.Activation.SIGMOID, 0).activate(new float[] {0, 100, -100});
        assertThat(p).containsExactly(new float[] {0.5f, 1f, 0f}, within(1e-6f));
    }

    @Test
    void topKSortsFiltersByMinScoreAndSkipsTheLabelOffset() {
        ClassificationTranslator t = classification(ModelMetadata.Activation.NONE, 1);
        // index 0 is a background class the labels file does not list
        List<Prediction.LabelScore> top = t.topK(new float[] {0.9f, 0.1f, 0.5f, 0.3f}, 2, 0.2f);
        assertThat(top).extracting(Prediction.LabelScore::label).containsExactly("b", "c");
        assertThat(t.topK(new float[] {0.9f, 0.1f, 0.5f, 0.3f}, 5, 0.4f)).hasSize(1);
    }

    @Test
    void detectionRowsBecomeObjectsBestFirstWithPerLabelBestScores() {
        DetectionTranslator t = detection(ModelMetadata.BoxUnits.INPUT_PIXELS);
        float[] rows = {
            0, 0, 10, 10, 0.5f, 2, //
            0, 0, 20, 20, 0.8f, 2, //
            5, 5, 15, 15, 0.7f, 1, //
            1, 1, 2, 2, 0.1f, 0, // below min score
            1, 1, 2, 2, 0.9f, 7, // unknown class
            3, 3, 3, 9, 0.9f, 1 // zero width
        };
        Prediction p = t.fromRows(rows, input(0.3f, 5));
        assertThat(p.objects()).extracting(Prediction.DetectedObject::score).containsExactly(0.8f, 0.7f, 0.5f);
        assertThat(p.labels()).extracting(Prediction.LabelScore::label).containsExactly("c", "b");
        assertThat(p.labels().get(0).score()).isEqualTo(0.8f);
    }

    @Test
    void normalizedBoxesAreScaledToInputPixelsFirst() {
        DetectionTranslator t = detection(ModelMetadata.BoxUnits.NORMALIZED);
        Prediction p = t.fromRows(new float[] {0.1f, 0.2f, 0.5f, 0.6f, 0.9f, 0}, input(0f, 5));
        InputGeometry.Box box = p.objects().get(0).box();
        assertThat(box.x()).isCloseTo(10, within(1e-4));
        assertThat(box.y()).isCloseTo(20, within(1e-4));
        assertThat(box.width()).isCloseTo(40, within(1e-4));
    }

    @Test
    void overlappingBoxesOfOneLabelAreSuppressedButOtherLabelsAndDistantBoxesStay() {
        DetectionTranslator t = detection(ModelMetadata.BoxUnits.INPUT_PIXELS, 0.5f);
        float[] rows = {
            0, 0, 50, 50, 0.9f, 1, //
            2, 2, 50, 50, 0.8f, 1, // same cat again: IoU 0.92
            2, 2, 50, 50, 0.7f, 2, // a different label in the same place stays
            60, 60, 90, 90, 0.6f, 1 // a second cat elsewhere stays
        };
        Prediction p = t.fromRows(rows, input(0.1f, 5));
        assertThat(p.objects()).extracting(Prediction.DetectedObject::score).containsExactly(0.9f, 0.7f, 0.6f);
        assertThat(detection(ModelMetadata.BoxUnits.INPUT_PIXELS)
                        .fromRows(rows, input(0.1f, 5))
                        .objects())
                .as("without a threshold nothing is suppressed")
                .hasSize(4);
    }

    @Test
    void intersectionOverUnionOfBoxes() {
        var a = new InputGeometry.Box(0, 0, 10, 10);
        assertThat(DetectionTranslator.intersectionOverUnion(a, a)).isEqualTo(1.0);
        assertThat(DetectionTranslator.intersectionOverUnion(a, new InputGeometry.Box(5, 0, 10, 10)))
                .isCloseTo(50.0 / 150, within(1e-9));
        assertThat(DetectionTranslator.intersectionOverUnion(a, new InputGeometry.Box(20, 20, 5, 5)))
                .isZero();
    }

    private static ModelInput input(float minScore, int topK) {
        return new ModelInput(
                FloatBuffer.allocate(0),
                new long[] {1},
                new InputGeometry(100, 100, 100, 100, 1, 1, 0, 0),
                topK,
                minScore);
    }

    private static ClassificationTranslator classification(ModelMetadata.Activation activation, int offset) {
        return new ClassificationTranslator(
                metadata(
                        ModelMetadata.Task.CLASSIFICATION,
                        new ModelMetadata.Postprocess(activation, offset, null, null, null, null, null)),
                LABELS);
    }

    private static DetectionTranslator detection(ModelMetadata.BoxUnits units) {
        return detection(units, null);
    }

    private static DetectionTranslator detection(ModelMetadata.BoxUnits units, Float nms) {
        return new DetectionTranslator(
                metadata(
                        ModelMetadata.Task.DETECTION,
                        new ModelMetadata.Postprocess(
                                null,
                                null,
                                ModelMetadata.DetectionFormat.X1Y1X2Y2_SCORE_CLASS,
                                units,
                                null,
                                null,
                                nms)),
                LABELS);
    }

    private static ModelMetadata metadata(ModelMetadata.Task task, ModelMetadata.Postprocess post) {
        return new ModelMetadata(
                "m",
                "1",
                task,
                null,
                new ModelMetadata.Input(
                        "x", 100, 100, ModelMetadata.Layout.NHWC, ModelMetadata.Resize.STRETCH, null, null, null),
                new ModelMetadata.Outputs("scores", "detections", "embedding"),
                "labels.txt",
                post,
                null);
    }
}
