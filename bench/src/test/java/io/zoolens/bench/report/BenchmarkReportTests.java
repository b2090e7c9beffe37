package io.zoolens.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.bench.load.Exchange;
import io.zoolens.bench.load.KindStats;
import io.zoolens.bench.load.LoadResult;
import io.zoolens.bench.scenario.DecodeScenario;
import io.zoolens.bench.scenario.MemoryScenario;
import io.zoolens.bench.scenario.MixedScenario;
import io.zoolens.bench.system.MemorySampler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkReportTests {

    @Test
    void theReportHasEveryPartTheIssueAsksFor() {
        String report = BenchmarkReport.results(Fixtures.full(
                Fixtures.djl(),
                Fixtures.tensorflow(),
                Fixtures.classifier(2000, 500, 90),
                Fixtures.stack(120, 400, 400)));

        assertThat(report)
                .contains("2 cores (nproc), AMD EPYC")
                .contains("median over 3 runs")
                .contains("`ZOOLENS_PREDICTORS=2`")
                .contains("### Targets")
                .contains("| T4 | (3) at c16 ≥ 85% of (2) at c16, zero errors, zero lost results |")
                .contains("### Ratios")
                .contains("(1) DJL, TensorFlow engine")
                .contains("(5) TensorFlow Java")
                .contains("**(1, legacy) DJL on the engine before issue 16, for comparison only**"
                        + " (`target/bench/results/raw-djl-legacy.json`")
                .contains("| c16 | 13.50/s [13.40–13.60] |")
                .contains("| c1 after c64 (first request 90.0 ms) |")
                .contains("| 500 (500) |")
                .contains("| c16 | 12.00/s [12.00–12.00] |")
                .contains("| 0 | 0 | 400 | 400 | 0 |")
                .contains("| classifier (alone, for (2)) | 900 MiB |")
                .contains("| c1 | 330 | 4.0 ms | 3.0 ms | 75.0 ms | 84.0 ms | 4.0 ms |")
                .contains("DJL Serving, TensorFlow Serving and Triton");
        assertThat(report.lines().filter(l -> l.startsWith("| T")).count()).isEqualTo(9);
        assertThat(report)
                .contains(
                        "| T14 | (2) 12 MP JPEG at c1: decode + preprocess ≤ 0.5 × inference (the service's own timings)"
                                + " | (2) with 12 MP photos at c1 not measured in this run | **not run** |");
    }

    @Test
    void smallAndTwelveMegapixelFiguresStandSideBySideWithTheDecodeBenchmark() {
        DecodeScenario.Results decode = new DecodeScenario.Results(
                "libjpeg-turbo (TurboJPEG via FFM)",
                10,
                List.of(
                        new DecodeScenario.Row(
                                "chelsea-12mp.jpg", "4032×3024", "libjpeg-turbo, reduced", "1008×756", 30, 4.5),
                        new DecodeScenario.Row(
                                "chelsea-12mp.jpg",
                                "4032×3024",
                                "ImageIO, every pixel (before)",
                                "4032×3024",
                                300,
                                45)));
        String report = BenchmarkReport.results(Fixtures.full(
                Fixtures.djl(),
                Fixtures.tensorflow(),
                Fixtures.classifier(2000, 500, 90),
                Fixtures.stack(120, 400, 400),
                Fixtures.classifier(2000, 500, 90),
                Fixtures.stack(60, 200, 199),
                decode));

        assertThat(report)
                .contains("#### (2) small and 12 MP photos")
                .contains("| concurrency | small: 2xx/s | 12 MP: 2xx/s |")
                .contains("| figure | small | 12 MP |")
                .contains("| stored / accepted | 400 / 400 | 199 / 200 |")
                .contains("native decoder: libjpeg-turbo (TurboJPEG via FFM)")
                // (30 + 4.5) / 75 and (300 + 45) / 75, against the 12 MP inference at c1
                .contains(
                        "| `chelsea-12mp.jpg` (4032×3024) | libjpeg-turbo, reduced | 1008×756 | 30.0 ms | 4.5 ms | 0.46× |")
                .contains("| 4032×3024 | 300 ms | 45.0 ms | 4.60× |")
                .contains(
                        "| T14 | (2) 12 MP JPEG at c1: decode + preprocess ≤ 0.5 × inference (the service's own timings)"
                                + " | 4.0 ms + 3.0 ms vs 75.0 ms = 0.09× | **PASS** |")
                .contains("stored 199 of 200 accepted | **FAIL** |");
    }

    @Test
    void theCustomModelSectionShowsTargetsExtractionAgainstRawAndTrainingTimes() {
        String report = BenchmarkReport.customModels(
                Fixtures.customModels(Fixtures.rawBatchesOneAndEight(), Fixtures.features(), Fixtures.head()));

        assertThat(report)
                .startsWith("## Custom models: feature extraction and head training")
                .contains("by `make bench-training` on 2 cores (nproc), AMD EPYC")
                .contains("load average 0.10 0.20 0.30")
                .contains("Report written 2026-12-05 12:30 UTC")
                .contains("Feature extraction measured until 1970-01-01 00:00 UTC.")
                .contains("Java 17.0.15.")
                .contains(
                        "| T8 | feature extraction (`FeatureExtractor`), batch 8 (as the trainer runs it), one caller:"
                                + " ≥ 90% of (1) raw DJL at batch 8 | 20.00 vs 16.00 images/s = 125% | **PASS** |")
                .contains("| T10 |")
                // batch, extract images/s, p50 / p99, bare, raw (p50), extract ÷ raw, extract ÷ bare
                .contains("| 1 | 25.00 | 38.0 ms / 60.0 ms | 33.33 | 12.50 (p50 79.0 ms) | 200% | 75% |")
                .contains("| 8 | 20.00 | 390 ms / 450 ms | 25.00 | 16.00 (p50 498 ms) | 125% | 80% |")
                .contains("| `HeadTrainer.train` | 1,000 × 528 values, 10 classes | fashion-mnist | 300 ms | 295 ms |"
                        + " 280 ms – 350 ms | 8 (after 3) |")
                .contains("| `HeadTrainer.train` | 10,000 × 528 values, 10 classes | synthetic | 2500 ms |")
                .contains(
                        "| `CrossValidation.run` (5-fold) | 1,000 × 528 values, 10 classes | fashion-mnist | 1200 ms |")
                .contains("seeded unit vectors drawn around 10 random unit class centres")
                .contains("*fashion-mnist-resampled*: synthetic unit vectors around the real class centroids");
        assertThat(report.lines().filter(l -> l.startsWith("| T")).count()).isEqualTo(3);
    }

    @Test
    void aCustomModelSectionWithoutResultsSaysSo() {
        String report = BenchmarkReport.customModels(Fixtures.customModels(null, null, List.of()));

        assertThat(report)
                .contains("Not run (no `features.json`).")
                .contains("Not run (no `head-training.json`).")
                .contains("**not run**")
                .doesNotContain("**PASS**");
    }

    @Test
    void missingInferenceResultsAreReportedAsNotRun() {
        String report = BenchmarkReport.results(
                Fixtures.full(null, null, Fixtures.classifier(2000, 500, 90), Fixtures.stack(120, 1, 1)));

        assertThat(report)
                .contains("**(1) DJL, TensorFlow engine**: not run (no `target/bench/results/raw-djl.json`)")
                .contains("| T1 |")
                .contains("**not run**");
    }

    @Test
    void theMemoryRunIsJudgedOnGrowthAfterTheWarmUp() {
        List<MemorySampler.Sample> flat = new ArrayList<>();
        List<MemorySampler.Sample> leaking = new ArrayList<>();
        for (long s = 0; s <= 600; s += 5) {
            long warmingUp = s < 120 ? s * (1L << 20) : 120L << 20;
            flat.add(new MemorySampler.Sample(s * 1000, (800L << 20) + warmingUp));
            leaking.add(new MemorySampler.Sample(s * 1000, (800L << 20) + s * (1L << 20)));
        }
        LoadResult load = Fixtures.run(16, 6000, 1200, 0);

        MemoryScenario.Results ok = new MemoryScenario.Results(flat, load, Duration.ofMinutes(2), 5);
        MemoryScenario.Results leak = new MemoryScenario.Results(leaking, load, Duration.ofMinutes(2), 5);

        assertThat(ok.flat()).isTrue();
        assertThat(ok.slopeMibPerMinute()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(leak.flat()).isFalse();
        assertThat(leak.slopeMibPerMinute()).isCloseTo(60.0, org.assertj.core.api.Assertions.within(1e-6));
        String text = BenchmarkReport.memory(ok, Fixtures.MACHINE, Instant.EPOCH, 16);
        assertThat(text).contains("| 920 MiB | 920 MiB | +0.0% (limit 5.00%) |").contains("**PASS**");
        assertThat(BenchmarkReport.memory(leak, Fixtures.MACHINE, Instant.EPOCH, 16))
                .contains("**FAIL**");
    }

    @Test
    void theSoakReportCountsStatusClassesPerKindAndChecksStoredResults() {
        KindStats uploads = new KindStats();
        uploads.record(new Exchange("upload", 201, false, 0, null), 900_000);
        uploads.record(new Exchange("upload", 202, false, 0, null), 10_000_000);
        KindStats history = new KindStats();
        history.record(new Exchange("history", 200, false, 0, null), 20_000);
        history.record(new Exchange("history", 502, false, 0, null), 20_000);
        LoadResult result =
                new LoadResult("soak", 32, Duration.ofMinutes(5), Map.of("upload", uploads, "history", history), 1.0);

        String clean = ReliabilityReport.load(
                new MixedScenario.Results(result, 32, 2, 2), Fixtures.MACHINE, Instant.EPOCH, 32);

        assertThat(clean)
                .startsWith("## Load\n")
                .contains("| history | 2 | 1 | 0 | 0 | 1 | 0 | 0 |")
                .contains("| upload | 2 | 2 | 0 | 0 | 0 | 0 | 0 |")
                .contains("| no 5xx other than 503 (and every request answered) | 1 | **FAIL** |")
                .contains("| stored results = accepted uploads (201, 202) | 2 stored, 2 accepted | **PASS** |")
                .contains("Result: **FAIL**");
    }
}
