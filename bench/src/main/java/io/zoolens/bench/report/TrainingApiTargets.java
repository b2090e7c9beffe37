package io.zoolens.bench.report;

import io.zoolens.bench.load.KindStats;
import io.zoolens.bench.report.Target.Verdict;
import io.zoolens.bench.scenario.TrainingScenario;
import io.zoolens.bench.scenario.TrainingScenario.Interference;
import io.zoolens.bench.scenario.TrainingScenario.TrainedModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Judges custom models end to end through the api against issue 14's targets (T11–T13, after T8–T10). */
public final class TrainingApiTargets {

    /** T11: issue 14's "a 5-class model from 20 uploaded pictures per class (nothing cached) ≤ 60 s". */
    static final Duration FROM_SCRATCH = Duration.ofSeconds(60);
    /** T12: "retraining after adding 10 pictures to a 500-picture model … ≤ 15 s on this 2-core machine". */
    static final Duration RETRAINING = Duration.ofSeconds(15);

    private TrainingApiTargets() {}

    public static List<Target> evaluate(TrainingScenario.Results results) {
        String t11 = "a model from uploaded pictures, nothing cached: first upload sent → training SUCCEEDED ≤ "
                + BenchmarkReport.seconds(FROM_SCRATCH);
        String t12 = "retraining after adding new pictures: `POST …/trainings` → SUCCEEDED ≤ "
                + BenchmarkReport.seconds(RETRAINING);
        String t13 = "the default model's upload p99 while a training runs ≤ "
                + (results == null ? "2" : factor(results.settings().p99Factor()))
                + " × its p99 without a training (same clients and photos)";
        if (results == null || results.skipped() != null) {
            String why = results == null ? "not run in this run" : "not run: " + results.skipped();
            return List.of(
                    new Target("T11", t11, why, Verdict.NOT_RUN),
                    new Target("T12", t12, why, Verdict.NOT_RUN),
                    new Target("T13", t13, why, Verdict.NOT_RUN));
        }
        TrainedModel scratch = results.fromScratch();
        t11 = String.format(
                Locale.ROOT,
                "%d classes × %d uploaded pictures, nothing cached: first upload sent → training SUCCEEDED ≤ %s",
                scratch.classes(),
                scratch.pictures() / scratch.classes(),
                BenchmarkReport.seconds(FROM_SCRATCH));
        TrainedModel retrained = results.retrained();
        t12 = String.format(
                Locale.ROOT,
                "retraining after adding %d pictures to a %,d-picture model: `POST …/trainings` → SUCCEEDED ≤ %s",
                retrained.newPictures(),
                retrained.pictures() - retrained.newPictures(),
                BenchmarkReport.seconds(RETRAINING));
        return List.of(
                fromScratch(t11, scratch),
                retraining(t12, retrained, results.large()),
                interference(t13, results.interference(), results.settings().p99Factor()));
    }

    private static Target fromScratch(String requirement, TrainedModel model) {
        if (!model.training().succeeded()) {
            return failed("T11", requirement, model);
        }
        String measured = String.format(
                Locale.ROOT,
                "%s (%d uploads %s, then `POST …/trainings` → SUCCEEDED %s)",
                seconds(model.fromFirstUpload()),
                model.pictures(),
                seconds(model.uploads()),
                seconds(model.training().total()));
        return new Target(
                "T11", requirement, measured, Verdict.of(model.fromFirstUpload().compareTo(FROM_SCRATCH) <= 0));
    }

    private static Target retraining(String requirement, TrainedModel retrained, TrainedModel built) {
        if (!retrained.training().succeeded()) {
            return failed("T12", requirement, retrained);
        }
        String measured = String.format(
                Locale.ROOT,
                "%s (the %,d-picture model itself: %s)",
                seconds(retrained.training().total()),
                built.pictures(),
                built.training().succeeded()
                        ? seconds(built.training().total()) + " from POST"
                        : built.training().state());
        return new Target(
                "T12",
                requirement,
                measured,
                Verdict.of(retrained.training().total().compareTo(RETRAINING) <= 0));
    }

    private static Target interference(String requirement, Interference interference, double factor) {
        KindStats without = interference.without().total();
        KindStats during = interference.during().total();
        if (without.successes() == 0 || during.successes() == 0) {
            return new Target(
                    "T13",
                    requirement,
                    "no successful upload " + (without.successes() == 0 ? "without" : "during") + " the training",
                    Verdict.FAIL);
        }
        double ratio = interference.p99Ratio();
        String measured = String.format(
                Locale.ROOT,
                "p99 %s during vs %s without = %s× (%d and %d uploads, %d + %d errors)",
                Format.ms(during.successMillis(99)),
                Format.ms(without.successMillis(99)),
                Format.number(ratio),
                during.successes(),
                without.successes(),
                during.errors(),
                without.errors());
        if (!interference.trainingThroughout()) {
            // part of the window had no training: the figure understates the effect, so it judges nothing
            return new Target(
                    "T13", requirement, measured + "; the training ended before the window did", Verdict.NOT_RUN);
        }
        boolean pass = ratio <= factor && during.errors() == 0 && without.errors() == 0;
        return new Target("T13", requirement, measured, Verdict.of(pass));
    }

    private static Target failed(String id, String requirement, TrainedModel model) {
        return new Target(
                id,
                requirement,
                "the training ended " + model.training().state()
                        + (model.training().error() == null
                                ? ""
                                : ": " + model.training().error()),
                Verdict.FAIL);
    }

    /** 2 for 2.0, 1.5 for 1.5. */
    static String factor(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** "12.3 s", to the tenth of a second (polling makes each moment late by up to one interval anyway); "–" for null. */
    static String seconds(Duration d) {
        return d == null ? "–" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
