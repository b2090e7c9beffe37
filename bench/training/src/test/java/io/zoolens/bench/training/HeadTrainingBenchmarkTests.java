package io.zoolens.bench.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.bench.training.HeadTrainingBenchmark.Plan;
import io.zoolens.training.head.LabelledVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadTrainingBenchmarkTests {

    private static final HeadTrainingBenchmark.Repeats REPEATS = new HeadTrainingBenchmark.Repeats(3, 8, 1, 3, 10_000);

    @Test
    void realVectorsUpToTheirCountResampledAndSyntheticFromTheLargestRealSizeUp() {
        List<Plan> plans = HeadTrainingBenchmark.plans(List.of(100, 1000, 10000), List.of(1000), 1000, true, REPEATS);

        assertThat(plans)
                .containsExactly(
                        new Plan("train", "fashion-mnist", List.of(100, 1000), 3, 8),
                        new Plan("train", "fashion-mnist-resampled", List.of(1000), 3, 8),
                        new Plan("train", "fashion-mnist-resampled", List.of(10000), 1, 3),
                        new Plan("train", "synthetic", List.of(1000), 3, 8),
                        new Plan("train", "synthetic", List.of(10000), 1, 3),
                        // a cross-validation trains five heads: timed as a long call
                        new Plan("crossValidate", "fashion-mnist", List.of(1000), 1, 3));
    }

    @Test
    void withoutRealVectorsEverythingIsSynthetic() {
        assertThat(HeadTrainingBenchmark.plans(List.of(100), List.of(100), 0, false, REPEATS))
                .containsExactly(
                        new Plan("train", "synthetic", List.of(100), 3, 8),
                        new Plan("crossValidate", "synthetic", List.of(100), 1, 3));
        assertThat(HeadTrainingBenchmark.plans(List.of(100, 10000), List.of(1000), 1000, false, REPEATS))
                .containsExactly(
                        new Plan("train", "synthetic", List.of(100), 3, 8),
                        new Plan("train", "synthetic", List.of(10000), 1, 3),
                        new Plan("crossValidate", "synthetic", List.of(1000), 1, 3));
    }

    @Test
    void cachedVectorsComeBackAsWrittenAndAPrefixCanBeRead(@TempDir Path dir) throws IOException {
        LabelledVectors data = SyntheticFeatures.generate(40, 10, 8, 0.1, 3);
        Path file = dir.resolve("sub/features.bin");

        FeatureVectorFile.write(file, data.labels(), data.classes(), data.vectors());

        assertThat(FeatureVectorFile.rows(file)).isEqualTo(40);
        assertThat(FeatureVectorFile.rows(dir.resolve("missing.bin"))).isZero();
        LabelledVectors prefix = FeatureVectorFile.read(file, 20);
        assertThat(prefix.labels()).isEqualTo(data.labels());
        assertThat(prefix.counts()).containsOnly(2);
        assertThat(prefix.vectors()[19]).isEqualTo(data.vectors()[19]);
        assertThat(prefix.classes()).isEqualTo(java.util.Arrays.copyOf(data.classes(), 20));
    }
}
