package io.zoolens.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zoolens.importer.SavedModelRunner.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default model's {@code features} output, on the real package (cached by scripts/fetch-default-model.sh,
 * which the build runs before the ITs): one unit-length vector per image, the same in a batch as alone, and the
 * detections exactly those of an import without it.
 */
class CenternetFeaturesIT {

    private static final String INPUT = CocoCenternetPreset.INPUT;

    @TempDir
    Path dir;

    @Test
    void featuresAreUnitVectorsPerImageAndLeaveDetectionsAsTheyWere() throws Exception {
        Path pkg = RepositoryFiles.repositoryRoot().resolve(".cache/npm/human-models-3.0.4");
        assumeTrue(Files.isRegularFile(pkg.resolve(CocoCenternetPreset.MODEL_JSON)), "scripts/fetch-default-model.sh");
        ImportPlan.Model preset = CocoCenternetPreset.load(pkg);
        ModelVersionWriter.write(new ImportPlan(preset, dir.resolve("with/coco-centernet/1"), false), "test");
        ImportPlan.Model withoutFeatures = new ImportPlan.Model(
                preset.modelJson(),
                preset.outputKeys(),
                new io.zoolens.model.ModelMetadata(
                        null,
                        null,
                        preset.metadata().task(),
                        null,
                        preset.metadata().input(),
                        new io.zoolens.model.ModelMetadata.Outputs(null, CocoCenternetPreset.DETECTIONS, null),
                        null,
                        null,
                        null),
                preset.labels(),
                CenternetBatchRewrite::apply);
        ModelVersionWriter.write(
                new ImportPlan(withoutFeatures, dir.resolve("without/coco-centernet/1"), false), "test");

        float[] chelsea = DefaultModelFiles.letterboxed("chelsea.png");
        float[] astronaut = DefaultModelFiles.letterboxed("astronaut.png");
        float[] both = new float[chelsea.length * 2];
        System.arraycopy(chelsea, 0, both, 0, chelsea.length);
        System.arraycopy(astronaut, 0, both, chelsea.length, astronaut.length);
        long[] pair = {2, CocoCenternetPreset.SIZE, CocoCenternetPreset.SIZE, 3};

        try (SavedModelRunner with = SavedModelRunner.load(dir.resolve("with/coco-centernet/1"));
                SavedModelRunner without = SavedModelRunner.load(dir.resolve("without/coco-centernet/1"))) {
            Map<String, Tensor> together = with.run(Map.of(INPUT, new Tensor(pair, both)));
            Tensor features = together.get(CenternetFeatures.KEY);
            assertThat(features.shape()).containsExactly(2, 528);
            float[] first = Arrays.copyOfRange(features.values(), 0, 528);
            float[] second = Arrays.copyOfRange(features.values(), 528, 1056);
            assertThat(dot(first, first)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(dot(second, second)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(dot(first, second)).as("a cat and an astronaut differ").isLessThan(0.95);

            float[] alone = with.run(Map.of(INPUT, new Tensor(DefaultModelFiles.INPUT_SHAPE, chelsea)))
                    .get(CenternetFeatures.KEY)
                    .values();
            for (int j = 0; j < alone.length; j++) {
                assertThat(alone[j]).isCloseTo(first[j], org.assertj.core.data.Offset.offset(1e-4f));
            }
            assertThat(together.get(CocoCenternetPreset.DETECTIONS).values())
                    .containsExactly(without.run(Map.of(INPUT, new Tensor(pair, both)))
                            .get(CocoCenternetPreset.DETECTIONS)
                            .values());
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
