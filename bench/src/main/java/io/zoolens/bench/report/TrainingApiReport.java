package io.zoolens.bench.report;

import io.zoolens.bench.load.KindStats;
import io.zoolens.bench.load.LoadResult;
import io.zoolens.bench.scenario.TrainingPictures;
import io.zoolens.bench.scenario.TrainingScenario;
import io.zoolens.bench.scenario.TrainingScenario.TrainedModel;
import io.zoolens.bench.scenario.TrainingTimeline;
import io.zoolens.bench.system.MachineInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders custom models end to end through the api (T11–T13) for docs/benchmarks.md. */
public final class TrainingApiReport {

    /** Its own block: {@code make bench-training} rewrites the JMH block only and must leave this one alone. */
    public static final String BLOCK = "bench:custom-models-api";

    private TrainingApiReport() {}

    /**
     * @param results what the scenario measured (null: it was not run)
     * @param machine the machine it ran on
     * @param command the Make target that ran it
     */
    public static String render(TrainingScenario.Results results, MachineInfo machine, String command) {
        StringBuilder out = new StringBuilder();
        out.append("## Custom models end to end: through the API\n\n");
        if (results == null || results.skipped() != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "Not measured by `make %s` on %s: %s.\n\n",
                    command,
                    machine.describe(),
                    results == null
                            ? "the scenario was switched off (`-Dbench.trainingApi.enabled=false`)"
                            : results.skipped()));
            return out.append(BenchmarkReport.targets(TrainingApiTargets.evaluate(results)))
                    .toString();
        }
        var settings = results.settings();
        out.append(String.format(
                Locale.ROOT,
                "Run %s by `make %s` on %s; load average %s (1, 5, 15 min) at the start and %s at the end; the"
                        + " scenario took %s.\n\n",
                BenchmarkReport.WHEN.format(results.started()),
                command,
                machine.describe(),
                results.loadAtStart(),
                results.loadAtEnd(),
                BenchmarkReport.minutes(results.took())));
        out.append(String.format(
                Locale.ROOT,
                "What a user does, through the whole stack as in (3) (Nginx over TLS, HTTP/2, two api replicas, the"
                        + " classifier; browser-like sessions with cookie and CSRF token): sign up, make one album per"
                        + " class, upload the pictures into them (%d at a time; each upload is also classified by the"
                        + " default model, as every upload is), `POST /api/custom-models`, `POST …/trainings`, then"
                        + " poll the job every %d ms until it ends (each moment below is the first poll that saw it)."
                        + " Pictures: Debian's dataset-fashion-mnist (train split, seed %d), classes %s; each 28×28"
                        + " scan upscaled to 128×128 and sent as a JPEG of its own, so no picture is in any cache"
                        + " before it is uploaded. Each model belongs to a new account (features are cached per"
                        + " account). The stack's upload allowances are raised for the benchmark (`BenchStack`).\n\n",
                settings.uploadConcurrency(),
                settings.poll().toMillis(),
                TrainingScenario.SEED,
                String.join(", ", TrainingPictures.LABELS.subList(0, settings.classes()))));

        out.append(BenchmarkReport.targets(TrainingApiTargets.evaluate(results)));
        out.append(
                "T11 reads issue 14's \"a 5-class model from 20 uploaded pictures per class (nothing cached) ≤ 60 s\""
                        + " from the user's side: from the first upload until the model is ready, the uploads included (each"
                        + " of them classified by the default model on the way); `POST` → SUCCEEDED alone is in the table."
                        + " T12's 500-picture model is built first (nothing cached, T13's load beside it for a while); only"
                        + " its retraining is judged.\n\n");

        out.append("### Trainings\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (TrainedModel model : List.of(results.fromScratch(), results.large(), results.retrained())) {
            rows.add(trainingRow(model));
        }
        out.append(Format.table(
                        List.of(
                                "model",
                                "pictures (not seen before)",
                                "their uploads",
                                "`POST` → running",
                                "features",
                                "head, cross-validation, version written and loaded",
                                "`POST` → ended",
                                "the job's own created → finished",
                                "cross-validated accuracy"),
                        rows))
                .append('\n');
        out.append("*Features* is the classifier computing the pictures the account's cache lacks, 8 per request,"
                + " on its one low-priority training thread; *`POST` → running* includes the api's runner looking"
                + " for queued jobs once a second.\n\n");

        out.append("### The default model's uploads while a training runs (T13)\n\n");
        TrainingScenario.Interference interference = results.interference();
        out.append(String.format(
                Locale.ROOT,
                "%d closed-loop clients (%d accounts) upload the photos of `.cache/test-images` to the default model"
                        + " (`POST /api/classifications`, as (3)) for %s after %s of warm-up: once with no training"
                        + " on the stack, then again as soon as the %,d-picture model's training runs (it computes"
                        + " features for the whole window%s). Latencies of the 2xx answers.\n\n",
                settings.loadConcurrency(),
                settings.loadConcurrency(),
                BenchmarkReport.seconds(settings.loadDuration()),
                BenchmarkReport.seconds(settings.loadWarmUp()),
                results.large().pictures(),
                interference.trainingThroughout() ? "" : " — not this time: it ended before the window did"));
        List<List<String>> windows = new ArrayList<>();
        windows.add(windowRow("without a training", interference.without()));
        windows.add(windowRow("during a training", interference.during()));
        out.append(Format.table(
                        List.of("window", "uploads/s (2xx)", "p50", "p95", "p99", "2xx", "errors", "503"), windows))
                .append('\n');
        out.append(String.format(
                Locale.ROOT,
                "p99 during ÷ p99 without: **%s×** (target ≤ %s×: a training runs on one low-priority thread with"
                        + " TensorFlow on one thread, so it can take at most about one of the two cores, and"
                        + " classification at a fixed concurrency slows by at most about the share of the CPU it"
                        + " loses; docs/benchmarking.md).\n",
                Format.number(interference.p99Ratio()),
                TrainingApiTargets.factor(settings.p99Factor())));
        return out.toString();
    }

    static List<String> trainingRow(TrainedModel model) {
        TrainingTimeline t = model.training();
        return List.of(
                model.name(),
                String.format(
                        Locale.ROOT, "%d classes, %,d (%,d)", model.classes(), model.pictures(), model.newPictures()),
                String.format(Locale.ROOT, "%,d in %s", model.newPictures(), seconds(model.uploads())),
                seconds(t.queued()),
                seconds(t.features()),
                seconds(t.head()),
                t.succeeded()
                        ? "**" + seconds(t.total()) + "**"
                        : t.state() + (t.error() == null ? "" : " (" + t.error() + ")"),
                seconds(t.server()),
                model.accuracy() == null
                        ? "–"
                        : Format.percent(model.accuracy())
                                + (model.method() == null ? "" : " (" + model.method() + ")"));
    }

    static List<String> windowRow(String name, LoadResult result) {
        KindStats total = result.total();
        return List.of(
                name,
                Format.rate(result.successPerSecond()),
                Format.ms(total.successMillis(50)),
                Format.ms(total.successMillis(95)),
                Format.ms(total.successMillis(99)),
                Long.toString(total.successes()),
                Long.toString(total.errors()),
                Long.toString(total.shed()));
    }

    private static String seconds(Duration d) {
        return TrainingApiTargets.seconds(d);
    }
}
