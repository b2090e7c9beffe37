package io.zoolens.bench.report;

import io.zoolens.bench.BenchSettings;
import io.zoolens.bench.jmh.HeadTrainingResults;
import io.zoolens.bench.jmh.InferenceSummary;
import io.zoolens.bench.jmh.JmhResults;
import io.zoolens.bench.jmh.TrainingTime;
import io.zoolens.bench.load.Exchange;
import io.zoolens.bench.load.KindStats;
import io.zoolens.bench.load.LoadResult;
import io.zoolens.bench.scenario.ClassifierScenario;
import io.zoolens.bench.scenario.DecodeScenario;
import io.zoolens.bench.scenario.StackScenario;
import io.zoolens.bench.scenario.StageTimings;
import io.zoolens.bench.scenario.TrainingScenario;
import io.zoolens.bench.scenario.TrainingTimeline;
import io.zoolens.bench.system.MachineInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs made of known numbers, to check the verdicts and the text. */
final class Fixtures {

    static final MachineInfo MACHINE = new MachineInfo(2, "AMD EPYC", 24L << 30, "0.10 0.20 0.30", "openjdk 17");
    static final BenchSettings SETTINGS = BenchSettings.load("full", key -> key.equals("repoDir") ? "/repo" : null);

    private Fixtures() {}

    /** A 10-second run: {@code successes} answers of {@code latencyMs}, {@code shed} 503s with Retry-After. */
    static LoadResult run(int concurrency, int successes, double latencyMs, int shed) {
        KindStats stats = new KindStats();
        for (int i = 0; i < successes; i++) {
            stats.record(new Exchange("classify", 200, false, 0, null), (long) (latencyMs * 1000));
        }
        for (int i = 0; i < shed; i++) {
            stats.record(new Exchange("classify", 503, true, 1, null), 2000);
        }
        return new LoadResult("run", concurrency, Duration.ofSeconds(10), Map.of("classify", stats), latencyMs);
    }

    static ClassifierScenario.Results classifier(double overloadP99Ms, int overloadShed, double recoveryP50Ms) {
        Map<Integer, List<LoadResult>> levels = new LinkedHashMap<>();
        levels.put(1, List.of(run(1, 110, 88, 0), run(1, 112, 86, 0), run(1, 108, 90, 0)));
        levels.put(4, List.of(run(4, 130, 300, 0)));
        levels.put(16, List.of(run(16, 135, 1150, 0), run(16, 134, 1160, 0), run(16, 136, 1140, 0)));
        levels.put(64, List.of(run(64, 133, overloadP99Ms, overloadShed)));
        Map<Integer, StageTimings.Medians> stages = new LinkedHashMap<>();
        stages.put(1, new StageTimings.Medians(330, 4.0, 3.0, 75.0, 84.0, 4.0));
        stages.put(16, new StageTimings.Medians(405, 6.0, 5.0, 140.0, 1100.0, 40.0));
        return new ClassifierScenario.Results(levels, List.of(run(1, 110, recoveryP50Ms, 0)), 64, stages);
    }

    static StackScenario.Results stack(int successesPerRun, long accepted, long stored) {
        List<LoadResult> runs = List.of(
                run(16, successesPerRun, 1300, 0),
                run(16, successesPerRun, 1310, 0),
                run(16, successesPerRun, 1290, 0));
        return new StackScenario.Results(runs, 16, accepted, stored);
    }

    static InferenceSummary djl() {
        return InferenceSummary.of(
                "DJL", Path.of("raw-djl.json"), Instant.EPOCH, JmhResults.parse(json("raw-djl.json")), null);
    }

    /** The same results as {@link #djl()}, read from the legacy engine's file. */
    static InferenceSummary djlLegacy() {
        return InferenceSummary.of(
                "DJL, legacy engine",
                Path.of("raw-djl-legacy.json"),
                Instant.EPOCH,
                JmhResults.parse(json("raw-djl.json")),
                null);
    }

    static InferenceSummary tensorflow() {
        return InferenceSummary.of(
                "TF", Path.of("tensorflow-java.json"), Instant.EPOCH, JmhResults.parse(json("throughput.json")), null);
    }

    static FullRun full(
            InferenceSummary djl,
            InferenceSummary tensorflow,
            ClassifierScenario.Results classifier,
            StackScenario.Results stack) {
        return full(djl, tensorflow, classifier, stack, null, null, null);
    }

    /** With the 12 MP runs and the decode benchmark (issue 16). */
    static FullRun full(
            InferenceSummary djl,
            InferenceSummary tensorflow,
            ClassifierScenario.Results classifier,
            StackScenario.Results stack,
            ClassifierScenario.Results classifierLarge,
            StackScenario.Results stackLarge,
            DecodeScenario.Results decode) {
        Map<String, Long> peaks = new LinkedHashMap<>();
        peaks.put("classifier (alone, for (2))", 900L << 20);
        peaks.put("gateway", 20L << 20);
        return new FullRun(
                Instant.parse("2026-11-25T22:00:00Z"),
                Duration.ofMinutes(9),
                MACHINE,
                SETTINGS,
                djl,
                tensorflow,
                djlLegacy(),
                classifier,
                "the packaged classifier jar alone",
                stack,
                peaks,
                List.of("ZOOLENS_PREDICTORS=2"),
                classifierLarge,
                stackLarge,
                stackLarge,
                decode);
    }

    /** (1) at batch 1 (80 ms, 12.5 images/s) and batch 8 (500 ms, 16 images/s) with one caller, and batch 8 with two. */
    static InferenceSummary rawBatchesOneAndEight() {
        return InferenceSummary.of(
                "DJL",
                Path.of("raw-djl.json"),
                Instant.EPOCH,
                JmhResults.parse(json("raw-djl-batches-1-8.json")),
                null);
    }

    /** extract: 25 images/s at batch 1, 20 at batch 8; bareFeatures: 33.3 and 25. */
    static InferenceSummary features() {
        return InferenceSummary.of(
                "FeatureExtractor",
                Path.of("features.json"),
                Instant.EPOCH,
                JmhResults.parse(json("features.json")),
                null);
    }

    static List<TrainingTime> head() {
        return HeadTrainingResults.parse(json("head-training.json"));
    }

    /** A training seen at 1.0 s running, at {@code featuresMs} later in TRAINING, 1.5 s after that SUCCEEDED. */
    static TrainingTimeline training(long featuresMs) {
        long post = 0;
        return TrainingTimeline.of(
                post,
                List.of(
                        new TrainingTimeline.Observation(1_000_000_000L, "RUNNING", "FEATURES"),
                        new TrainingTimeline.Observation(
                                1_000_000_000L + featuresMs * 1_000_000, "RUNNING", "TRAINING"),
                        new TrainingTimeline.Observation(2_500_000_000L + featuresMs * 1_000_000, "SUCCEEDED", "DONE")),
                Duration.ofMillis(2400 + featuresMs),
                null);
    }

    /**
     * Custom models through the api: T11 from 100 pictures uploaded in 20 s and trained in 8.5 s (28.5 s in all),
     * the 500-picture model in 41.5 s, its retraining after 10 new pictures in {@code retrainFeaturesMs} + 2.5 s,
     * and p99s of 400 ms without and {@code duringP99Ms} during a training.
     */
    static TrainingScenario.Results trainingApi(long retrainFeaturesMs, double duringP99Ms, boolean throughout) {
        TrainingTimeline scratch = training(6000);
        TrainingScenario.TrainedModel fromScratch = new TrainingScenario.TrainedModel(
                "from scratch",
                5,
                100,
                100,
                Duration.ofSeconds(20),
                Duration.ofSeconds(20).plus(scratch.total()),
                scratch,
                0.84,
                "stratified 5-fold");
        TrainingScenario.TrainedModel large = new TrainingScenario.TrainedModel(
                "larger model",
                5,
                500,
                500,
                Duration.ofSeconds(45),
                Duration.ofSeconds(90),
                training(39_000),
                0.8,
                "stratified 5-fold");
        TrainingScenario.TrainedModel retrained = new TrainingScenario.TrainedModel(
                "retrained after 10 new pictures",
                5,
                510,
                10,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                training(retrainFeaturesMs),
                0.81,
                "stratified 5-fold");
        return new TrainingScenario.Results(
                null,
                Instant.parse("2026-12-05T17:30:00Z"),
                Duration.ofSeconds(200),
                "3.10 2.00 1.50",
                "3.40 2.50 1.70",
                SETTINGS.trainingApi(),
                fromScratch,
                large,
                retrained,
                new TrainingScenario.Interference(run(4, 150, 400, 0), run(4, 80, duringP99Ms, 0), throughout));
    }

    static CustomModelsRun customModels(InferenceSummary raw, InferenceSummary features, List<TrainingTime> head) {
        return new CustomModelsRun(
                Instant.parse("2026-12-05T12:30:00Z"), MACHINE, "bench-training", raw, features, head);
    }

    static String json(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/jmh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
