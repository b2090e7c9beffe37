package io.zoolens.bench.report;

import io.zoolens.bench.jmh.InferenceConfig;
import io.zoolens.bench.jmh.TrainingTime;
import io.zoolens.bench.report.Target.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Judges the custom-model benchmarks against issue 14's targets (T8–T10, after issue 7's T1–T7). */
public final class CustomModelTargets {

    static final double EXTRACTION_SHARE_OF_RAW = 0.90;
    static final int TRAINER_BATCH = 8;
    static final int HEAD_TARGET_VECTORS = 1000;
    static final double HEAD_TARGET_MS = 2000;
    static final String EXTRACT = "extract";
    static final String BARE_FEATURES = "bareFeatures";
    static final String RAW = "infer";

    private CustomModelTargets() {}

    public static List<Target> evaluate(CustomModelsRun run) {
        List<Target> targets = new ArrayList<>();
        targets.add(extraction(run, "T8", TRAINER_BATCH, "as the trainer runs it"));
        targets.add(extraction(run, "T9", 1, "one picture at a time"));

        String t10 = String.format(
                Locale.ROOT,
                "head training (`HeadTrainer.train`, default settings), %,d vectors: ≤ %s s",
                HEAD_TARGET_VECTORS,
                Format.number(HEAD_TARGET_MS / 1000));
        List<TrainingTime> atTarget = run.head().stream()
                .filter(t -> t.training() && t.vectors() == HEAD_TARGET_VECTORS)
                .toList();
        if (atTarget.isEmpty()) {
            targets.add(new Target(
                    "T10",
                    t10,
                    String.format(Locale.ROOT, "%,d vectors not measured in this run", HEAD_TARGET_VECTORS),
                    Verdict.NOT_RUN));
        } else {
            String measured = atTarget.stream()
                    .map(t -> String.format(
                            Locale.ROOT,
                            "%s (%s): mean %s, slowest %s",
                            t.source(),
                            vectorsLabel(t),
                            Format.ms(t.meanMs()),
                            Format.ms(t.maxMs())))
                    .collect(Collectors.joining("; "));
            boolean pass = atTarget.stream().allMatch(t -> t.meanMs() <= HEAD_TARGET_MS);
            targets.add(new Target("T10", t10, measured, Verdict.of(pass)));
        }
        return targets;
    }

    private static Target extraction(CustomModelsRun run, String id, int batch, String why) {
        String requirement = String.format(
                Locale.ROOT,
                "feature extraction (`FeatureExtractor`), batch %d (%s), one caller: ≥ %s of (1) raw DJL at batch %d",
                batch,
                why,
                Format.percent(EXTRACTION_SHARE_OF_RAW),
                batch);
        Optional<InferenceConfig> extract = config(run, EXTRACT, batch, false);
        Optional<InferenceConfig> raw = config(run, RAW, batch, true);
        if (extract.isEmpty() || raw.isEmpty()) {
            return new Target(
                    id,
                    requirement,
                    (extract.isEmpty() ? "feature extraction" : "(1) raw DJL") + " at batch " + batch
                            + " not measured in this run",
                    Verdict.NOT_RUN);
        }
        double share = extract.get().imagesPerSecond() / raw.get().imagesPerSecond();
        return new Target(
                id,
                requirement,
                String.format(
                        Locale.ROOT,
                        "%s vs %s images/s = %s",
                        Format.number(extract.get().imagesPerSecond()),
                        Format.number(raw.get().imagesPerSecond()),
                        Format.percent(share)),
                Verdict.of(share >= EXTRACTION_SHARE_OF_RAW));
    }

    /** A single caller's configuration of {@code method} at {@code batch}, from the features or the raw results. */
    static Optional<InferenceConfig> config(CustomModelsRun run, String method, int batch, boolean raw) {
        var summary = raw ? run.raw() : run.features();
        return summary == null ? Optional.empty() : summary.oneCaller(method, batch);
    }

    static String vectorsLabel(TrainingTime t) {
        return String.format(Locale.ROOT, "%,d × %d values, %d classes", t.vectors(), t.dimension(), t.classes());
    }
}
