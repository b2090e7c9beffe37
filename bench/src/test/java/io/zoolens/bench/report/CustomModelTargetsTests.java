package io.zoolens.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.bench.jmh.InferenceConfig;
import io.zoolens.bench.jmh.InferenceSummary;
import io.zoolens.bench.jmh.TrainingTime;
import io.zoolens.bench.report.Target.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomModelTargetsTests {

    @Test
    void extractionIsComparedWithTheRawRunOfTheSameBatchAndOneCaller() {
        List<Target> targets = CustomModelTargets.evaluate(
                Fixtures.customModels(Fixtures.rawBatchesOneAndEight(), Fixtures.features(), Fixtures.head()));

        assertThat(targets).extracting(Target::id).containsExactly("T8", "T9", "T10");
        // batch 8: 20 images/s against the single caller's 16 (not the two callers' 17.8)
        assertThat(targets.get(0).measured()).isEqualTo("20.00 vs 16.00 images/s = 125%");
        assertThat(targets.get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(targets.get(1).measured()).isEqualTo("25.00 vs 12.50 images/s = 200%");
        assertThat(targets.get(1).verdict()).isEqualTo(Verdict.PASS);
        assertThat(targets.get(2).measured())
                .contains("fashion-mnist (1,000 × 528 values, 10 classes): mean 300 ms, slowest 350 ms")
                .contains("synthetic (1,000 × 528 values, 10 classes): mean 250 ms");
        assertThat(targets.get(2).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void extractionBelowNinetyPercentOfRawFails() {
        InferenceSummary slow = summary(List.of(
                config("extract", 8, 8 * 1000 / 600.0), // 13.3 images/s = 83% of 16
                config("extract", 1, 11.3))); // 90.4% of 12.5

        List<Target> targets = CustomModelTargets.evaluate(
                Fixtures.customModels(Fixtures.rawBatchesOneAndEight(), slow, Fixtures.head()));

        assertThat(targets.get(0).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(targets.get(0).measured()).endsWith("= 83%");
        assertThat(targets.get(1).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void headTrainingFailsWhenAnySourceTakesLongerThanTwoSecondsAtOneThousand() {
        List<TrainingTime> head = new ArrayList<>(Fixtures.head());
        head.add(new TrainingTime("train", "synthetic-hard", 1000, 10, 528, 2100, 2050, 1900, 2400, 3, 8, "17"));
        head.add(new TrainingTime("crossValidate", "synthetic", 1000, 10, 528, 9000, 9000, 9000, 9000, 3, 8, "17"));

        Target t10 = CustomModelTargets.evaluate(
                        Fixtures.customModels(Fixtures.rawBatchesOneAndEight(), Fixtures.features(), head))
                .get(2);

        assertThat(t10.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(t10.measured()).contains("synthetic-hard (1,000 × 528 values, 10 classes): mean 2100 ms");
    }

    @Test
    void aSmokeRunJudgesOnlyWhatItMeasured() {
        InferenceSummary batchOneOnly = summary(List.of(config("extract", 1, 20)));
        List<TrainingTime> small =
                List.of(new TrainingTime("train", "synthetic", 100, 10, 528, 50, 50, 50, 50, 0, 1, "17"));

        List<Target> targets = CustomModelTargets.evaluate(
                Fixtures.customModels(Fixtures.rawBatchesOneAndEight(), batchOneOnly, small));

        assertThat(targets.get(0).verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(targets.get(0).measured()).isEqualTo("feature extraction at batch 8 not measured in this run");
        assertThat(targets.get(1).verdict()).isEqualTo(Verdict.PASS);
        assertThat(targets.get(2).verdict()).isEqualTo(Verdict.NOT_RUN);

        List<Target> withoutRaw = CustomModelTargets.evaluate(Fixtures.customModels(null, batchOneOnly, small));
        assertThat(withoutRaw.get(1).verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(withoutRaw.get(1).measured()).isEqualTo("(1) raw DJL at batch 1 not measured in this run");
    }

    private static InferenceSummary summary(List<InferenceConfig> configs) {
        return new InferenceSummary("FeatureExtractor", Path.of("features.json"), Instant.EPOCH, configs, null);
    }

    private static InferenceConfig config(String method, int batch, double imagesPerSecond) {
        double meanMs = batch * 1000 / imagesPerSecond;
        return new InferenceConfig(
                method, 1, Map.of("batch", String.valueOf(batch)), batch, imagesPerSecond, meanMs, meanMs, meanMs);
    }
}
