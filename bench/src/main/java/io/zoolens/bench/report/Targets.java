package io.zoolens.bench.report;

import io.zoolens.bench.jmh.InferenceConfig;
import io.zoolens.bench.load.RunSummary;
import io.zoolens.bench.report.Target.Verdict;
import io.zoolens.bench.scenario.StackScenario;
import io.zoolens.bench.scenario.StageTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Judges a run against issue 7's targets and computes the ratios the report prints. */
public final class Targets {

    static final double HTTP_SHARE_OF_RAW = 0.90;
    static final double HTTP_ADDED_P50_MS = 5.0;
    static final double STACK_SHARE_OF_HTTP = 0.85;
    static final double RECOVERY_P50_FACTOR = 1.2;
    static final int PLAIN_LEVEL = 16;
    static final double DECODE_SHARE_OF_INFERENCE = 0.5;
    static final double STACK_SHARE_OF_HTTP_12MP = 0.70;

    private Targets() {}

    public static List<Target> evaluate(FullRun run) {
        List<Target> targets = new ArrayList<>();
        Optional<InferenceConfig> djlBest = best(run, true);
        Optional<InferenceConfig> tfBest = best(run, false);
        Optional<InferenceConfig> djlBatchOne =
                run.djl() == null ? Optional.empty() : run.djl().batchOne();
        RunSummary c1 = level(run, 1);
        RunSummary c16 = level(run, PLAIN_LEVEL);
        RunSummary overload = run.classifier() == null
                ? null
                : run.classifier().level(run.classifier().overload());
        RunSummary recovery = run.classifier() == null ? null : run.classifier().recoverySummary();

        String t1 = "(1) DJL ≥ (5) TensorFlow Java, best images/s (else explained below)";
        if (djlBest.isPresent() && tfBest.isPresent()) {
            double djl = djlBest.get().imagesPerSecond();
            double tf = tfBest.get().imagesPerSecond();
            targets.add(new Target(
                    "T1",
                    t1,
                    String.format(
                            Locale.ROOT, "%s vs %s images/s (%.2f×)", Format.number(djl), Format.number(tf), djl / tf),
                    Verdict.of(djl >= tf)));
        } else {
            targets.add(new Target("T1", t1, missing(djlBest.isEmpty() ? "(1)" : "(5)"), Verdict.NOT_RUN));
        }

        String t2 = "(2) at c16 ≥ 90% of (1)'s best throughput";
        if (c16 != null && djlBest.isPresent()) {
            double share = c16.throughput() / djlBest.get().imagesPerSecond();
            targets.add(new Target(
                    "T2",
                    t2,
                    String.format(
                            Locale.ROOT,
                            "%s vs %s images/s = %s",
                            Format.rate(c16.throughput()),
                            Format.number(djlBest.get().imagesPerSecond()),
                            Format.percent(share)),
                    Verdict.of(share >= HTTP_SHARE_OF_RAW)));
        } else {
            targets.add(new Target("T2", t2, missing(c16 == null ? "(2) c16" : "(1)"), Verdict.NOT_RUN));
        }

        String t3 = "(2) at c1: p50 adds ≤ 5 ms to (1)'s batch-1 p50";
        if (c1 != null && djlBatchOne.isPresent()) {
            double added = c1.p50() - djlBatchOne.get().p50();
            targets.add(new Target(
                    "T3",
                    t3,
                    String.format(
                            Locale.ROOT,
                            "%s − %s = %+.1f ms",
                            Format.ms(c1.p50()),
                            Format.ms(djlBatchOne.get().p50()),
                            added),
                    Verdict.of(added <= HTTP_ADDED_P50_MS)));
        } else {
            targets.add(new Target("T3", t3, missing(c1 == null ? "(2) c1" : "(1) batch 1"), Verdict.NOT_RUN));
        }

        targets.add(stackShare(
                "T4",
                "(3) at c16 ≥ 85% of (2) at c16, zero errors, zero lost results",
                run.stack(),
                "(3)",
                c16,
                "(2) c16",
                STACK_SHARE_OF_HTTP));

        double factor = run.settings().classifier().overloadP99Factor();
        String t5 = String.format(
                Locale.ROOT,
                "overload (c%s): sheds with 503 + Retry-After, no other errors, p99 of accepted ≤ %s× p99 at c16",
                run.classifier() == null ? "64" : run.classifier().overload(),
                Format.number(factor));
        if (overload != null && c16 != null && overload.concurrency() > PLAIN_LEVEL) {
            boolean shed = overload.shed() > 0 && overload.shedWithRetryAfter() == overload.shed();
            boolean bounded = overload.p99() <= factor * c16.p99();
            targets.add(new Target(
                    "T5",
                    t5,
                    String.format(
                            Locale.ROOT,
                            "503: %d (%d with Retry-After), errors %d; p99 %s vs %s at c16",
                            overload.shed(),
                            overload.shedWithRetryAfter(),
                            overload.errors(),
                            Format.ms(overload.p99()),
                            Format.ms(c16.p99())),
                    Verdict.of(shed && bounded && overload.errors() == 0)));
        } else {
            targets.add(new Target("T5", t5, missing("(2) above c16"), Verdict.NOT_RUN));
        }

        String t6 = "recovers at once: the c1 run right after the overload run";
        if (recovery != null && c1 != null) {
            boolean clean = recovery.errors() == 0 && recovery.shed() == 0;
            boolean fast = recovery.p50() <= RECOVERY_P50_FACTOR * c1.p50()
                    && recovery.firstMillis() <= Math.max(2 * c1.p50(), c1.p99());
            targets.add(new Target(
                    "T6",
                    t6,
                    String.format(
                            Locale.ROOT,
                            "first request %s, p50 %s vs %s before; errors %d, 503 %d",
                            Format.ms(recovery.firstMillis()),
                            Format.ms(recovery.p50()),
                            Format.ms(c1.p50()),
                            recovery.errors(),
                            recovery.shed()),
                    Verdict.of(clean && fast)));
        } else {
            targets.add(new Target("T6", t6, missing("(2) recovery"), Verdict.NOT_RUN));
        }

        targets.add(new Target(
                "T7",
                "classifier memory flat over a 10-minute run",
                "`make bench-memory`, its own section below",
                Verdict.ELSEWHERE));
        targets.add(decodeTarget(run));
        targets.add(largeStackTarget(run));
        return targets;
    }

    /** Issue 16 (T14, after issue 14's T8–T13): on a 12 MP JPEG the classifier's decode + preprocess cost at most half its inference (c1 medians). */
    static Target decodeTarget(FullRun run) {
        String t14 = "(2) 12 MP JPEG at c1: decode + preprocess ≤ 0.5 × inference (the service's own timings)";
        StageTimings.Medians c1 = run.classifierLarge() == null
                ? null
                : run.classifierLarge().stages().get(1);
        if (c1 == null || c1.answers() == 0) {
            return new Target("T14", t14, missing("(2) with 12 MP photos at c1"), Verdict.NOT_RUN);
        }
        double share = (c1.decode() + c1.preprocess()) / c1.inference();
        return new Target(
                "T14",
                t14,
                String.format(
                        Locale.ROOT,
                        "%s + %s vs %s = %.2f×",
                        Format.ms(c1.decode()),
                        Format.ms(c1.preprocess()),
                        Format.ms(c1.inference()),
                        share),
                Verdict.of(share <= DECODE_SHARE_OF_INFERENCE));
    }

    /** Issue 16 (T15): the whole stack on 12 MP uploads keeps 70% of the classifier's throughput on the same photos. */
    static Target largeStackTarget(FullRun run) {
        return stackShare(
                "T15",
                "(3) 12 MP at c16 ≥ 70% of (2) 12 MP at c16, zero errors, zero lost results",
                run.stackLarge(),
                "(3) 12 MP",
                run.classifierLarge() == null ? null : run.classifierLarge().level(PLAIN_LEVEL),
                "(2) 12 MP c16",
                STACK_SHARE_OF_HTTP_12MP);
    }

    /**
     * The whole stack's throughput as a share of the classifier's at the same concurrency, met when at least
     * {@code threshold} with no error, no 503 and no accepted upload lost; not run when either side is missing.
     */
    private static Target stackShare(
            String id,
            String requirement,
            StackScenario.Results stackRun,
            String stackName,
            RunSummary classifier,
            String classifierName,
            double threshold) {
        if (stackRun == null || classifier == null) {
            return new Target(id, requirement, missing(stackRun == null ? stackName : classifierName), Verdict.NOT_RUN);
        }
        RunSummary stack = stackRun.summary();
        double share = stack.throughput() / classifier.throughput();
        boolean clean = stack.errors() == 0 && stack.shed() == 0 && stackRun.lost() == 0;
        return new Target(
                id,
                requirement,
                String.format(
                        Locale.ROOT,
                        "%s vs %s = %s; errors %d, 503 %d; stored %d of %d accepted",
                        Format.rate(stack.throughput()),
                        Format.rate(classifier.throughput()),
                        Format.percent(share),
                        stack.errors(),
                        stack.shed(),
                        stackRun.stored(),
                        stackRun.accepted()),
                Verdict.of(share >= threshold && clean));
    }

    /** The ratios issue 7 asks to print: name and value. */
    public static List<String[]> ratios(FullRun run) {
        List<String[]> ratios = new ArrayList<>();
        Optional<InferenceConfig> djlBest = best(run, true);
        Optional<InferenceConfig> tfBest = best(run, false);
        Optional<InferenceConfig> djlBatchOne =
                run.djl() == null ? Optional.empty() : run.djl().batchOne();
        RunSummary c1 = level(run, 1);
        RunSummary c16 = level(run, PLAIN_LEVEL);
        RunSummary overload = run.classifier() == null
                ? null
                : run.classifier().level(run.classifier().overload());
        RunSummary recovery = run.classifier() == null ? null : run.classifier().recoverySummary();
        RunSummary stack = run.stack() == null ? null : run.stack().summary();

        ratios.add(new String[] {
            "(1) DJL best / (5) TensorFlow Java best (images/s)",
            djlBest.isPresent() && tfBest.isPresent()
                    ? ratio(djlBest.get().imagesPerSecond(), tfBest.get().imagesPerSecond())
                    : "–"
        });
        ratios.add(new String[] {
            "(2) c16 / (1) best (throughput)",
            c16 != null && djlBest.isPresent()
                    ? ratio(c16.throughput(), djlBest.get().imagesPerSecond())
                    : "–"
        });
        ratios.add(new String[] {
            "(2) c1 p50 − (1) batch-1 p50",
            c1 != null && djlBatchOne.isPresent()
                    ? String.format(
                            Locale.ROOT,
                            "%+.1f ms",
                            c1.p50() - djlBatchOne.get().p50())
                    : "–"
        });
        ratios.add(new String[] {
            "(3) c16 / (2) c16 (throughput)",
            stack != null && c16 != null ? ratio(stack.throughput(), c16.throughput()) : "–"
        });
        ratios.add(new String[] {
            "(3) stored / accepted uploads",
            run.stack() == null
                    ? "–"
                    : run.stack().stored() + " / " + run.stack().accepted()
        });
        ratios.add(new String[] {
            "(2) overload p99 / c16 p99", overload != null && c16 != null ? ratio(overload.p99(), c16.p99()) : "–"
        });
        ratios.add(new String[] {
            "(2) c1 after overload p50 / c1 p50", recovery != null && c1 != null ? ratio(recovery.p50(), c1.p50()) : "–"
        });
        return ratios;
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0
                ? "–"
                : String.format(Locale.ROOT, "%.2f (%s)", a / b, Format.percent(a / b));
    }

    private static Optional<InferenceConfig> best(FullRun run, boolean djl) {
        var summary = djl ? run.djl() : run.tensorflow();
        return summary == null ? Optional.empty() : summary.best();
    }

    private static RunSummary level(FullRun run, int concurrency) {
        return run.classifier() == null ? null : run.classifier().level(concurrency);
    }

    private static String missing(String what) {
        return what + " not measured in this run";
    }
}
