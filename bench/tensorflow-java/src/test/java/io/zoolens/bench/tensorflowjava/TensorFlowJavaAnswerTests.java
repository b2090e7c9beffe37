package io.zoolens.bench.tensorflowjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zoolens.bench.jmhsupport.InferenceBenchSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow Java must give the answer DJL gives on the same photo, or the benchmark compares two
 * different computations. Expected values measured with classifier-service's RawInferenceBenchmark
 * (DJL 0.28.0 + TensorFlow 2.10.1) on chelsea.png: its probe prints the same line. DJL 0.36 + TensorFlow
 * 2.16.1 prints them exactly with oneDNN off, and score 0.493505 with it on, within the tolerance.
 */
class TensorFlowJavaAnswerTests {

    private static final String MODEL = "models/coco-centernet/1";
    private static final String PHOTO = ".cache/test-images/chelsea.png";
    /** COCO class 15 is "cat" in the model's labels.txt. */
    private static final int CAT = 15;

    private static final float DJL_SCORE = 0.494202f;
    private static final float[] DJL_BOX = {-0.74f, 89.47f, 466.56f, 421.35f};

    private static TensorFlowJavaBenchmark.LoadedModel model;

    @BeforeAll
    static void loadTheDefaultModel() throws Exception {
        Path root = InferenceBenchSettings.repositoryRoot();
        assumeTrue(
                Files.isRegularFile(root.resolve(MODEL).resolve("saved_model.pb")),
                MODEL + " is absent: run `make model` (scripts/fetch-default-model.sh) to compare with DJL");
        assumeTrue(
                Files.isRegularFile(root.resolve(PHOTO)),
                PHOTO + " is absent: run `make test-images` (scripts/fetch-test-images.sh)");
        model = TensorFlowJavaBenchmark.open(MODEL, PHOTO, 2, 2);
    }

    @AfterAll
    static void closeTheModel() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void chelseaIsACatWithTheScoreAndBoxDjlGives() {
        try (TFloat32 input = model.input(1)) {
            Detection top = Detection.best(model.infer(input));

            assertThat(top.classIndex()).isEqualTo(CAT);
            assertThat(top.score()).isCloseTo(DJL_SCORE, within(1e-3f));
            float[] box = {top.x1(), top.y1(), top.x2(), top.y2()};
            for (int i = 0; i < box.length; i++) {
                assertThat(box[i]).as("box coordinate %d", i).isCloseTo(DJL_BOX[i], within(0.5f));
            }
        }
    }

    @Test
    void everyImageOfABatchGetsTheAnswerItGetsAlone() {
        float[] alone;
        try (TFloat32 input = model.input(1)) {
            alone = model.infer(input);
        }
        float[] batch;
        try (TFloat32 input = model.input(2)) {
            batch = model.infer(input);
        } catch (RuntimeException refused) {
            assumeTrue(false, "this model version takes one image per call: " + refused.getMessage());
            return;
        }

        assertThat(batch).hasSize(2 * alone.length);
        assertSameRows(Arrays.copyOfRange(batch, 0, alone.length), alone);
        assertSameRows(Arrays.copyOfRange(batch, alone.length, batch.length), alone);
    }

    /** Batched convolutions sum in another order: scores agree to 1e-4, boxes to a hundredth of a pixel. */
    private static void assertSameRows(float[] actual, float[] expected) {
        for (int i = 0; i < expected.length; i++) {
            int column = i % 6;
            float tolerance = column == 4 ? 1e-4f : 1e-2f;
            assertThat(actual[i]).as("row %d column %d", i / 6, column).isCloseTo(expected[i], within(tolerance));
        }
    }
}
