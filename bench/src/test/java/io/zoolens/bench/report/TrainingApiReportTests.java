package io.zoolens.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.bench.scenario.TrainingScenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainingApiReportTests {

    @Test
    void theSectionHasTheTargetsTheTrainingsAndBothLoadWindows() {
        String text = TrainingApiReport.render(Fixtures.trainingApi(2000, 700, true), Fixtures.MACHINE, "bench");

        assertThat(text)
                .startsWith("## Custom models end to end: through the API\n\n")
                .contains("Run 2026-12-05 17:30 UTC by `make bench` on 2 cores")
                .contains("load average 3.10 2.00 1.50 (1, 5, 15 min) at the start and 3.40 2.50 1.70 at the end")
                .contains("classes t-shirt, trouser, pullover, dress, coat")
                .contains("| T11 | 5 classes × 20 uploaded pictures")
                .contains("| **PASS** |")
                .contains("| from scratch | 5 classes, 100 (100) | 100 in 20.0 s | 1.0 s | 6.0 s | 1.5 s | **8.5 s**"
                        + " | 8.4 s | 84% (stratified 5-fold) |")
                .contains("| retrained after 10 new pictures | 5 classes, 510 (10) | 10 in 1.0 s |")
                .contains("| without a training | 15.00/s | 400 ms | 400 ms | 400 ms | 150 | 0 | 0 |")
                .contains("| during a training | 8.00/s | 700 ms | 700 ms | 700 ms | 80 | 0 | 0 |")
                .contains("p99 during ÷ p99 without: **1.75×** (target ≤ 2×")
                .doesNotContain("not this time");
    }

    @Test
    void aWindowTheTrainingDidNotFillIsSaidSo() {
        String text = TrainingApiReport.render(Fixtures.trainingApi(2000, 700, false), Fixtures.MACHINE, "bench");

        assertThat(text).contains("not this time: it ended before the window did");
    }

    @Test
    void aSkippedScenarioSaysWhyAndJudgesNothing() {
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

        String text = TrainingApiReport.render(skipped, Fixtures.MACHINE, "bench-smoke");

        assertThat(text)
                .contains("Not measured by `make bench-smoke` on 2 cores")
                .contains(": Fashion-MNIST is not installed.")
                .contains("| T12 |")
                .contains("**not run**")
                .doesNotContain("### Trainings");
    }
}
