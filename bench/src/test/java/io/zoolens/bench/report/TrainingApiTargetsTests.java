package io.zoolens.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.bench.report.Target.Verdict;
import io.zoolens.bench.scenario.TrainingScenario;
import io.zoolens.bench.scenario.TrainingTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingApiTargetsTests {

    @Test
    void fastTrainingsAndALittleSlowerClassificationPass() {
        List<Target> targets = TrainingApiTargets.evaluate(Fixtures.trainingApi(2000, 700, true));

        assertThat(targets).extracting(Target::id).containsExactly("T11", "T12", "T13");
        assertThat(targets).extracting(Target::verdict).containsOnly(Verdict.PASS);
        assertThat(targets.get(0).requirement())
                .isEqualTo("5 classes × 20 uploaded pictures, nothing cached: first upload sent → training"
                        + " SUCCEEDED ≤ 60 s");
        assertThat(targets.get(0).measured())
                .isEqualTo("28.5 s (100 uploads 20.0 s, then `POST …/trainings` → SUCCEEDED 8.5 s)");
        assertThat(targets.get(1).requirement())
                .isEqualTo("retraining after adding 10 pictures to a 500-picture model: `POST …/trainings` →"
                        + " SUCCEEDED ≤ 15 s");
        assertThat(targets.get(1).measured()).isEqualTo("4.5 s (the 500-picture model itself: 41.5 s from POST)");
        assertThat(targets.get(2).requirement()).contains("≤ 2 × its p99 without");
        assertThat(targets.get(2).measured())
                .isEqualTo("p99 700 ms during vs 400 ms without = 1.75× (80 and 150 uploads, 0 + 0 errors)");
    }

    @Test
    void overTheLimitsFails() {
        // retraining: 1 s queued + 13.5 s features + 1.5 s head = 16 s; p99 900 ms against 400 ms = 2.25×
        List<Target> targets = TrainingApiTargets.evaluate(Fixtures.trainingApi(13_500, 900, true));

        assertThat(targets.get(1).measured()).startsWith("16.0 s");
        assertThat(targets.get(1).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(targets.get(2).measured()).contains("= 2.25×");
        assertThat(targets.get(2).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void atTheLimitsPasses() {
        // 1 s + 12.5 s + 1.5 s = 15 s exactly; 798 ms just under 2 × 400 ms (the histogram keeps 3 digits)
        List<Target> targets = TrainingApiTargets.evaluate(Fixtures.trainingApi(12_500, 798, true));

        assertThat(targets.get(1).verdict()).isEqualTo(Verdict.PASS);
        assertThat(targets.get(2).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aWindowTheTrainingDidNotLastThroughJudgesNothing() {
        Target t13 = TrainingApiTargets.evaluate(Fixtures.trainingApi(2000, 3000, false))
                .get(2);

        assertThat(t13.verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(t13.measured()).endsWith("the training ended before the window did");
    }

    @Test
    void aTrainingThatFailedFailsItsTarget() {
        TrainingScenario.Results ok = Fixtures.trainingApi(2000, 700, true);
        TrainingTimeline failed = TrainingTimeline.of(
                0,
                List.of(new TrainingTimeline.Observation(3_000_000_000L, "FAILED", "FEATURES")),
                null,
                "classifier-unavailable: the classifier could not be reached");
        TrainingScenario.TrainedModel scratch = new TrainingScenario.TrainedModel(
                "from scratch", 5, 100, 100, Duration.ofSeconds(20), Duration.ofSeconds(23), failed, null, null);
        TrainingScenario.Results results = new TrainingScenario.Results(
                null,
                ok.started(),
                ok.took(),
                ok.loadAtStart(),
                ok.loadAtEnd(),
                ok.settings(),
                scratch,
                ok.large(),
                ok.retrained(),
                ok.interference());

        Target t11 = TrainingApiTargets.evaluate(results).get(0);

        assertThat(t11.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(t11.measured())
                .isEqualTo("the training ended FAILED: classifier-unavailable: the classifier could not be reached");
        assertThat(results.complete()).isFalse();
        assertThat(ok.complete()).isTrue();
    }

    @Test
    void aSkippedOrSwitchedOffScenarioIsNotRun() {
        TrainingScenario.Results skipped = new TrainingScenario.Results(
                "Fashion-MNIST is not installed",
                Instant.EPOCH,
                Duration.ZERO,
                null,
                null,
                Fixtures.SETTINGS.trainingApi(),
                null,
                null,
                null,
                null);

        assertThat(TrainingApiTargets.evaluate(skipped)).allSatisfy(t -> {
            assertThat(t.verdict()).isEqualTo(Verdict.NOT_RUN);
            assertThat(t.measured()).isEqualTo("not run: Fashion-MNIST is not installed");
        });
        assertThat(TrainingApiTargets.evaluate(null))
                .extracting(Target::verdict)
                .containsOnly(Verdict.NOT_RUN);
    }

    @Test
    void factorsAndSecondsReadNaturally() {
        assertThat(TrainingApiTargets.factor(2.0)).isEqualTo("2");
        assertThat(TrainingApiTargets.factor(1.5)).isEqualTo("1.5");
        assertThat(TrainingApiTargets.seconds(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
        assertThat(TrainingApiTargets.seconds(null)).isEqualTo("–");
    }
}
