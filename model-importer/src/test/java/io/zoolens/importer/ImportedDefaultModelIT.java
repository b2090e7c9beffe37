package io.zoolens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.importer.SavedModelRunner.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default model as scripts/fetch-default-model.sh imported it, run through DJL's TensorFlow, against
 * the original TF.js model run by the TF.js runtime in Node on the same input tensors. Needs the script
 * to have run (the Maven build runs it in pre-integration-test) and Node.js with npm.
 */
class ImportedDefaultModelIT {

    private static final Logger log = LoggerFactory.getLogger(ImportedDefaultModelIT.class);
    private static final String INPUT = CocoCenternetPreset.INPUT;
    private static final String DETECTIONS = CocoCenternetPreset.DETECTIONS;
    /** For scores and classes; box corners are input pixels (0..512) and may differ by a hundredth of a pixel. */
    private static final float TOLERANCE = 1e-3f;

    private static final float BOX_TOLERANCE = 1e-2f;
    private static final int CAT = CocoCenternetPreset.LABELS.indexOf("cat");

    private static SavedModelRunner imported;

    @BeforeAll
    static void loadImportedModel() throws Exception {
        imported = SavedModelRunner.load(DefaultModelFiles.importedModel());
    }

    @AfterAll
    static void close() {
        if (imported != null) {
            imported.close();
        }
    }

    @Test
    void importedModelAgreesWithTheTfjsRuntimeOnEveryDetection() throws Exception {
        List<Map<String, Tensor>> inputs = List.of(
                Map.of(INPUT, new Tensor(DefaultModelFiles.INPUT_SHAPE, DefaultModelFiles.letterboxed("chelsea.png"))),
                Map.of(INPUT, new Tensor(DefaultModelFiles.INPUT_SHAPE, DefaultModelFiles.noise(42))));

        List<Map<String, Tensor>> tfjs =
                TfjsNodeRunner.prepare().run(DefaultModelFiles.originalModelJson(), inputs, List.of(DETECTIONS));

        for (int i = 0; i < inputs.size(); i++) {
            Tensor expected = tfjs.get(i).get(DETECTIONS);
            Tensor actual = imported.run(inputs.get(i)).get(DETECTIONS);
            assertThat(actual.shape()).containsExactly(1, 100, 6).isEqualTo(expected.shape());
            Agreement agreement = compare(rows(expected), rows(actual));
            log.info(
                    "Input {}: max abs difference to TF.js {} over 100 detections, per column x1,y1,x2,y2,score,class "
                            + "{} ({} pairs of near-equal scores in swapped order)",
                    i,
                    agreement.maxDifference(),
                    Arrays.toString(agreement.perColumn()),
                    agreement.reordered());
            float[][] actualRows = rows(actual);
            assertThat(agreement.unmatched())
                    .as(
                            "detections of input %d without a TF.js counterpart: %s",
                            i,
                            agreement.unmatched().stream()
                                    .map(row -> row + "=" + Arrays.toString(actualRows[row]))
                                    .toList())
                    .isEmpty();
            assertThat(agreement.perColumn()[4]).as("largest score difference").isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void topDetectionOnChelseaIsACatEveryTime() throws Exception {
        Map<String, Tensor> input =
                Map.of(INPUT, new Tensor(DefaultModelFiles.INPUT_SHAPE, DefaultModelFiles.letterboxed("chelsea.png")));
        float[] first = imported.run(input).get(DETECTIONS).values();

        long[] nanos = new long[20];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            float[] again = imported.run(input).get(DETECTIONS).values();
            nanos[i] = System.nanoTime() - started;
            assertThat(again).as("inference is deterministic").containsExactly(first);
        }
        Arrays.sort(nanos);
        log.info(
                "Imported default model, one 512×512 image through DJL: median {} ms of 20 after warm-up (min {}, max {})",
                nanos[10] / 1_000_000,
                nanos[0] / 1_000_000,
                nanos[19] / 1_000_000);

        float[] top = Arrays.copyOfRange(first, 0, 6);
        assertThat((int) top[5]).as("class of the top detection").isEqualTo(CAT);
        assertThat(top[4]).as("score").isGreaterThan(0.3f);
        // Chelsea fills most of the 451×300 photo, letterboxed to 512×341 at the top of the canvas.
        assertThat((top[2] - top[0]) * (top[3] - top[1])).isGreaterThan(0.3f * 512 * 341);
        assertThat(top[3]).isLessThanOrEqualTo(341 + 5);
    }

    @Test
    void aBatchOfImagesGivesEachImageTheDetectionsItGetsAlone() throws Exception {
        List<float[]> images = List.of(
                DefaultModelFiles.letterboxed("chelsea.png"),
                DefaultModelFiles.noise(42),
                DefaultModelFiles.letterboxed("astronaut.png"));
        int pixels = images.get(0).length;
        float[] batch = new float[pixels * images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, batch, i * pixels, pixels);
        }
        long[] shape = DefaultModelFiles.INPUT_SHAPE.clone();
        shape[0] = images.size();

        Tensor together = imported.run(Map.of(INPUT, new Tensor(shape, batch))).get(DETECTIONS);

        assertThat(together.shape()).containsExactly(images.size(), 100, 6);
        int rows = 100 * 6;
        for (int i = 0; i < images.size(); i++) {
            float[] alone = imported.run(Map.of(INPUT, new Tensor(DefaultModelFiles.INPUT_SHAPE, images.get(i))))
                    .get(DETECTIONS)
                    .values();
            float[] inBatch = Arrays.copyOfRange(together.values(), i * rows, (i + 1) * rows);
            Agreement agreement = compare(rows(alone), rows(inBatch));
            assertThat(agreement.unmatched()).as("detections of image %d", i).isEmpty();
            assertThat(agreement.perColumn()[4]).as("largest score difference").isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** Max abs differences overall and per column (x1, y1, x2, y2, score, class). */
    private record Agreement(float maxDifference, float[] perColumn, int reordered, List<Integer> unmatched) {}

    /**
     * Pairs each detection with an unused TF.js detection whose six values all lie within the tolerance,
     * preferring the same row: rows are sorted by score, and near-equal scores may swap places.
     */
    private static Agreement compare(float[][] expected, float[][] actual) {
        boolean[] used = new boolean[expected.length];
        float max = 0;
        float[] perColumn = new float[6];
        int reordered = 0;
        List<Integer> unmatched = new ArrayList<>();
        for (int i = 0; i < actual.length; i++) {
            int match = agrees(expected[i], actual[i]) && !used[i] ? i : -1;
            for (int j = 0; match < 0 && j < expected.length; j++) {
                if (!used[j] && agrees(expected[j], actual[i])) {
                    match = j;
                    reordered++;
                }
            }
            if (match < 0) {
                unmatched.add(i);
                continue;
            }
            used[match] = true;
            max = Math.max(max, difference(expected[match], actual[i]));
            for (int k = 0; k < 6; k++) {
                perColumn[k] = Math.max(perColumn[k], Math.abs(expected[match][k] - actual[i][k]));
            }
        }
        return new Agreement(max, perColumn, reordered, unmatched);
    }

    /**
     * Within the tolerances. TensorFlow's oneDNN kernels (on in the service) sum in another order than the
     * TF.js runtime, which moves box corners by up to a few thousandths of a pixel.
     */
    private static boolean agrees(float[] expected, float[] actual) {
        for (int k = 0; k < expected.length; k++) {
            float tolerance = k < 4 ? BOX_TOLERANCE : TOLERANCE;
            if (Math.abs(expected[k] - actual[k]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static float difference(float[] a, float[] b) {
        float max = 0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        return max;
    }

    private static float[][] rows(Tensor detections) {
        return rows(detections.values());
    }

    private static float[][] rows(float[] detections) {
        float[][] rows = new float[detections.length / 6][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(detections, r * 6, r * 6 + 6);
        }
        return rows;
    }
}
