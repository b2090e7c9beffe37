package io.zoolens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.importer.SavedModelRunner.Tensor;
import io.zoolens.model.ModelMetadata;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default model as scripts/fetch-default-model.sh imported it, run through DJL's TensorFlow, against
 * the original TF.js model run by the TF.js runtime in Node on the same input tensors. Needs the script
 * to have run (the Maven build runs it in pre-integration-test) and Node.js with npm.
 */
class ImportedDefaultModelIT {

    private static final Logger log = LoggerFactory.getLogger(ImportedDefaultModelIT.class);
    private static final String INPUT = CocoCenternetPreset.INPUT;
    private static final String DETECTIONS = CocoCenternetPreset.DETECTIONS;
    /** For scores and classes: the tolerance. */
    private static final float TOLERANCE = 1e-3f;
    /**
     * Box corners are input pixels (0..512): the same tolerance relative to the image side. TensorFlow 2.16's
     * oneDNN kernels (on in the service) sum in another order than the TF.js runtime and move corners by up to
     * 0.36 px (docs/decisions.md, "Golden test against TF.js").
     */
    private static final float BOX_TOLERANCE = TOLERANCE * DefaultModelFiles.INPUT_SHAPE[2];

    private static final DetectionMatching MATCHING = new DetectionMatching(TOLERANCE, BOX_TOLERANCE);
    private static final int CAT = CocoCenternetPreset.LABELS.indexOf("cat");

    private static SavedModelRunner imported;
    /**
     * Against TF.js, a TF.js detection scoring below the model's own {@code defaultMinScore} (never shown) may be
     * missing from ours: a near-tie in the model's peak picking can go the other way (docs/decisions.md).
     */
    private static DetectionMatching againstTfjs;

    @BeforeAll
    static void loadImportedModel() throws Exception {
        imported = SavedModelRunner.load(DefaultModelFiles.importedModel());
        ModelMetadata metadata = JsonMapper.builder()
                .build()
                .readValue(
                        Files.readString(DefaultModelFiles.importedModel().resolve("zoolens-model.json")),
                        ModelMetadata.class);
        againstTfjs = new DetectionMatching(
                TOLERANCE, BOX_TOLERANCE, metadata.postprocess().defaultMinScore());
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
            DetectionMatching.Result agreement = againstTfjs.compare(rows(expected), rows(actual));
            log.info(
                    "Input {}: max abs difference to TF.js per column x1,y1,x2,y2,score,class {} over 100 detections"
                            + " ({} pairs of near-equal scores in swapped order; unpaired at the top-100 cut: {} of"
                            + " ours, {} of TF.js)",
                    i,
                    Arrays.toString(agreement.perColumn()),
                    agreement.reordered(),
                    agreement.unpairedActual(),
                    agreement.unpairedExpected());
            for (String tolerated : agreement.tolerated()) {
                log.info("Input {}: tolerated: {}", i, tolerated);
            }
            assertThat(agreement.disagreements())
                    .as("detections of input %d that disagree with TF.js", i)
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
            DetectionMatching.Result agreement = MATCHING.compare(rows(alone), rows(inBatch));
            assertThat(agreement.disagreements())
                    .as("detections of image %d", i)
                    .isEmpty();
            assertThat(agreement.perColumn()[4]).as("largest score difference").isLessThanOrEqualTo(TOLERANCE);
        }
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
