package io.zoolens.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.bench.report.Target.Verdict;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TargetsTests {

    @Test
    void aRunMeetingEveryTargetPassesThemAll() {
        // DJL best 14.3 images/s, batch-1 p50 79 ms; TF Java best 12 images/s
        FullRun run = Fixtures.full(
                Fixtures.djl(),
                Fixtures.tensorflow(),
                Fixtures.classifier(2000, 500, 90),
                Fixtures.stack(120, 400, 400));

        Map<String, Verdict> verdicts = verdicts(run);

        assertThat(verdicts)
                .containsEntry("T1", Verdict.PASS)
                .containsEntry("T2", Verdict.PASS) // 13.5/s ≥ 90% of 14.3
                .containsEntry("T4", Verdict.PASS) // 12/s ≥ 85% of 13.5, nothing lost
                .containsEntry("T5", Verdict.PASS)
                .containsEntry("T6", Verdict.PASS)
                .containsEntry("T7", Verdict.ELSEWHERE);
        // c1 p50 88 ms vs 79 ms in-process: 9 ms added
        assertThat(verdicts).containsEntry("T3", Verdict.FAIL);
    }

    @Test
    void lostResultsFailTheStackTargetWhateverTheSpeed() {
        FullRun run = Fixtures.full(
                Fixtures.djl(),
                Fixtures.tensorflow(),
                Fixtures.classifier(2000, 500, 90),
                Fixtures.stack(130, 400, 399));

        assertThat(verdicts(run)).containsEntry("T4", Verdict.FAIL);
    }

    @Test
    void overloadWithoutSheddingOrWithUnboundedLatencyFails() {
        FullRun queued = Fixtures.full(
                Fixtures.djl(), Fixtures.tensorflow(), Fixtures.classifier(2000, 0, 90), Fixtures.stack(120, 1, 1));
        FullRun slow = Fixtures.full(
                Fixtures.djl(), Fixtures.tensorflow(), Fixtures.classifier(5000, 500, 90), Fixtures.stack(120, 1, 1));

        assertThat(verdicts(queued)).containsEntry("T5", Verdict.FAIL);
        assertThat(verdicts(slow)).containsEntry("T5", Verdict.FAIL);
    }

    @Test
    void aSlowRecoveryFails() {
        FullRun run = Fixtures.full(
                Fixtures.djl(), Fixtures.tensorflow(), Fixtures.classifier(2000, 500, 400), Fixtures.stack(120, 1, 1));

        assertThat(verdicts(run)).containsEntry("T6", Verdict.FAIL);
    }

    @Test
    void targetsWhosePartDidNotRunSaySo() {
        FullRun run = Fixtures.full(null, null, Fixtures.classifier(2000, 500, 90), null);

        assertThat(verdicts(run))
                .containsEntry("T1", Verdict.NOT_RUN)
                .containsEntry("T2", Verdict.NOT_RUN)
                .containsEntry("T3", Verdict.NOT_RUN)
                .containsEntry("T4", Verdict.NOT_RUN)
                .containsEntry("T5", Verdict.PASS);
    }

    @Test
    void theRatiosAreComputedFromTheMedians() {
        FullRun run = Fixtures.full(
                Fixtures.djl(),
                Fixtures.tensorflow(),
                Fixtures.classifier(2000, 500, 90),
                Fixtures.stack(120, 400, 400));

        Map<String, String> ratios = Targets.ratios(run).stream().collect(Collectors.toMap(r -> r[0], r -> r[1]));

        assertThat(ratios.get("(3) c16 / (2) c16 (throughput)")).isEqualTo("0.89 (89%)");
        assertThat(ratios.get("(3) stored / accepted uploads")).isEqualTo("400 / 400");
        // HdrHistogram keeps three significant digits: 88 ms may read 88.06 ms
        assertThat(ratios.get("(2) c1 p50 − (1) batch-1 p50")).startsWith("+9.").endsWith(" ms");
    }

    private static Map<String, Verdict> verdicts(FullRun run) {
        List<Target> targets = Targets.evaluate(run);
        return targets.stream().collect(Collectors.toMap(Target::id, Target::verdict));
    }
}
