package io.zoolens.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTests {

    @Test
    void figuresAreMediansOverRunsAndCountsAreSums() {
        List<LoadResult> runs = List.of(run(10, 100, 1), run(30, 300, 0), run(20, 200, 2));

        RunSummary summary = RunSummary.of("c4", runs);

        assertThat(summary.runs()).isEqualTo(3);
        assertThat(summary.concurrency()).isEqualTo(4);
        assertThat(summary.throughput()).isCloseTo(2.0, within(1e-9)); // 20 successes in 10 s
        assertThat(summary.throughputMin()).isCloseTo(1.0, within(1e-9));
        assertThat(summary.throughputMax()).isCloseTo(3.0, within(1e-9));
        assertThat(summary.p50()).isCloseTo(200.0, within(0.5));
        assertThat(summary.successes()).isEqualTo(60);
        assertThat(summary.errors()).isEqualTo(3);
        assertThat(summary.requests()).isEqualTo(63);
    }

    @Test
    void oneKindCanBeSummarisedAlone() {
        KindStats uploads = new KindStats();
        uploads.record(new Exchange("upload", 201, false, 0, null), 500_000);
        KindStats history = new KindStats();
        history.record(new Exchange("history", 200, false, 0, null), 5_000);
        history.record(new Exchange("history", 200, false, 0, null), 5_000);
        LoadResult result =
                new LoadResult("mixed", 2, Duration.ofSeconds(1), Map.of("upload", uploads, "history", history), 1.0);

        RunSummary summary = RunSummary.of("mixed", List.of(result), "upload");

        assertThat(summary.successes()).isEqualTo(1);
        assertThat(summary.throughput()).isCloseTo(1.0, within(1e-9));
        assertThat(summary.p50()).isCloseTo(500.0, within(0.5));
    }

    /** A 10-second run with {@code successes} answers of {@code latencyMs} each and some errors. */
    static LoadResult run(int successes, long latencyMs, int errors) {
        KindStats stats = new KindStats();
        for (int i = 0; i < successes; i++) {
            stats.record(new Exchange("classify", 200, false, 0, null), latencyMs * 1000);
        }
        for (int i = 0; i < errors; i++) {
            stats.record(new Exchange("classify", 500, false, 0, null), 1000);
        }
        return new LoadResult("run", 4, Duration.ofSeconds(10), Map.of("classify", stats), latencyMs);
    }
}
