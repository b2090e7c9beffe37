package io.zoolens.bench;

import io.zoolens.bench.jmh.HeadTrainingResults;
import io.zoolens.bench.jmh.InferenceSummary;
import io.zoolens.bench.jmh.JmhResults;
import io.zoolens.bench.load.KindStats;
import io.zoolens.bench.load.RunSummary;
import io.zoolens.bench.report.BenchmarkReport;
import io.zoolens.bench.report.CustomModelsRun;
import io.zoolens.bench.report.FullRun;
import io.zoolens.bench.report.MarkdownBlocks;
import io.zoolens.bench.report.ReliabilityReport;
import io.zoolens.bench.report.TrainingApiReport;
import io.zoolens.bench.scenario.ClassifierScenario;
import io.zoolens.bench.scenario.DecodeScenario;
import io.zoolens.bench.scenario.MemoryScenario;
import io.zoolens.bench.scenario.MixedScenario;
import io.zoolens.bench.scenario.PhotoUpload;
import io.zoolens.bench.scenario.StackScenario;
import io.zoolens.bench.scenario.TestImages;
import io.zoolens.bench.scenario.TrainingScenario;
import io.zoolens.bench.system.BenchStack;
import io.zoolens.bench.system.ClassifierProcess;
import io.zoolens.bench.system.MachineInfo;
import io.zoolens.bench.system.MemorySampler;
import io.zoolens.bench.system.ServiceJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;

/**
 * The benchmark harness: {@code full} ({@code make bench}), {@code smoke} ({@code make bench-smoke}), {@code soak}
 * ({@code make soak}), {@code memory} ({@code make bench-memory}), {@code training} ({@code make bench-training})
 * and {@code training-api} ({@code make bench-training-api}). Started by bench/run.sh after the build; see
 * docs/benchmarking.md for the settings.
 */
public final class Bench {

    private static final Duration CLASSIFIER_START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private final BenchSettings settings;
    private final MachineInfo machine;

    private Bench(BenchSettings settings) {
        this.settings = settings;
        this.machine = MachineInfo.current();
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Bench full|smoke|soak|memory|training|training-api   (settings: -Dbench.<key>=…,"
                    + " docs/benchmarking.md)");
            System.exit(2);
        }
        try {
            Bench bench = new Bench(BenchSettings.fromSystemProperties(args[0]));
            switch (args[0]) {
                case "full" -> bench.full();
                case "smoke" -> bench.smoke();
                case "soak" -> bench.soak();
                case "training" -> bench.training();
                case "training-api" -> bench.trainingApi();
                default -> bench.memory();
            }
            System.exit(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("bench: interrupted");
            System.exit(130);
        } catch (RuntimeException e) {
            System.err.println("bench: failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** What {@link #measure} measured: the HTTP run, and custom models end to end (null when switched off). */
    private record Measured(FullRun run, TrainingScenario.Results training) {}

    /**
     * (1)–(5): reads the JMH results, measures the classifier alone, then the whole stack and custom models through
     * it; writes the report.
     */
    private void full() throws InterruptedException {
        Measured measured = measure();
        FullRun run = measured.run();
        String block = BenchmarkReport.results(run);
        System.out.println();
        System.out.println(block);
        MarkdownBlocks.write(settings.paths().report(), BenchmarkReport.RESULTS_BLOCK, block, BenchmarkReport.SKELETON);
        writeCustomModels(customModels("bench"));
        if (measured.training() != null) {
            writeTrainingApi(measured.training(), "bench");
        }
        Console.log("written to %s", settings.paths().report());
    }

    /**
     * Custom models end to end through the api alone (T11–T13): one stack, the scenario, its own block. What
     * {@code make bench} runs after (3), for a rerun without the rest.
     */
    private void trainingApi() throws InterruptedException {
        TrainingScenario.Results results;
        try (BenchStack stack = startStack()) {
            results = TrainingScenario.run(
                    stack.gateway(),
                    tls(stack),
                    TestImages.jpegs(settings.paths().images()),
                    settings);
        }
        writeTrainingApi(results, "bench-training-api");
        Console.log("written to %s", settings.paths().report());
        if (results.skipped() == null && !results.complete()) {
            throw new IllegalStateException("custom models end to end: a training did not succeed (report above)");
        }
    }

    private void writeTrainingApi(TrainingScenario.Results results, String command) {
        String block = TrainingApiReport.render(results, machine, command);
        System.out.println();
        System.out.println(block);
        MarkdownBlocks.write(settings.paths().report(), TrainingApiReport.BLOCK, block, BenchmarkReport.SKELETON);
    }

    /** {@code make bench-training}: only the custom-model section, from the JMH results (no service is started). */
    private void training() {
        CustomModelsRun run = customModels("bench-training");
        if (run.features() == null && run.head().isEmpty()) {
            throw new IllegalStateException("no custom-model results in "
                    + settings.paths().results() + ": run make bench-inference (or make bench-training) first");
        }
        writeCustomModels(run);
        Console.log("written to %s", settings.paths().report());
    }

    /** The custom-model benchmarks' results (bench/training), with (1)'s raw inference they are compared with. */
    private CustomModelsRun customModels(String command) {
        Path head = settings.paths().results().resolve("head-training.json");
        return new CustomModelsRun(
                Instant.now(),
                MachineInfo.current(),
                command,
                inference("DJL", "raw-djl.json"),
                inference("FeatureExtractor", "features.json"),
                HeadTrainingResults.read(head).orElseGet(() -> {
                    Console.log("head training: no %s, reported as not run", head);
                    return List.of();
                }));
    }

    private void writeCustomModels(CustomModelsRun run) {
        String block = BenchmarkReport.customModels(run);
        System.out.println();
        System.out.println(block);
        MarkdownBlocks.write(
                settings.paths().report(), BenchmarkReport.CUSTOM_MODELS_BLOCK, block, BenchmarkReport.SKELETON);
    }

    /**
     * The harness end to end in a few seconds per scenario: one stack, its classifier measured directly (unless
     * bench.classifier.standalone=true), a few uploads and a short mixed run. Asserts nothing about speed; fails
     * when a scenario got no successful answer or a result was lost.
     */
    private void smoke() throws InterruptedException {
        Measured measured = measure();
        FullRun run = measured.run();
        String block = BenchmarkReport.results(run);
        System.out.println();
        System.out.println(block);
        MarkdownBlocks.write(settings.paths().report(), BenchmarkReport.RESULTS_BLOCK, block, BenchmarkReport.SKELETON);
        CustomModelsRun customModels = customModels("bench-smoke");
        writeCustomModels(customModels);
        List<String> problems = new ArrayList<>();
        if (customModels.features() == null
                || customModels.features().configs().isEmpty()
                || customModels.head().isEmpty()) {
            problems.add("the custom-model benchmarks (bench/training) left no results in "
                    + settings.paths().results());
        }
        run.classifier().levels().forEach((level, runs) -> {
            if (RunSummary.of("c" + level, runs).successes() == 0) {
                problems.add("the classifier answered no request with 2xx at c" + level);
            }
        });
        if (run.classifier().recoverySummary().successes() == 0) {
            problems.add("the classifier answered no request with 2xx after the highest level");
        }
        run.classifierLarge().levels().forEach((level, runs) -> {
            if (RunSummary.of("c" + level, runs).successes() == 0) {
                problems.add("the classifier answered no 12 MP request with 2xx at c" + level);
            }
        });
        checkStack(problems, "uploads", run.stack());
        checkStack(problems, "12 MP uploads", run.stackLarge());
        checkStack(problems, "12 MP uploads sent as forms", run.stackLargeForm());
        if (measured.training() != null) {
            writeTrainingApi(measured.training(), "bench-smoke");
            // skipped (Fashion-MNIST missing) is said in the report; a run that went wrong fails the smoke test
            if (measured.training().skipped() == null && !measured.training().complete()) {
                problems.add("custom models end to end: a training did not succeed or a load window had no 2xx");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("bench-smoke: " + String.join("; ", problems));
        }
        Console.log(
                "bench-smoke: the harness works (numbers above say nothing about speed); report in %s",
                settings.paths().report());
    }

    /** {@code make soak}: mixed requests through the gateway; writes the Load section of docs/reliability.md. */
    private void soak() throws InterruptedException {
        Instant started = Instant.now();
        List<TestImages.Photo> photos = TestImages.jpegs(settings.paths().images());
        try (BenchStack stack = startStack()) {
            MixedScenario.Results results = MixedScenario.run(stack.gateway(), tls(stack), photos, settings);
            String block = ReliabilityReport.load(
                    results, machine, started, settings.soak().concurrency());
            System.out.println();
            System.out.println(block);
            MarkdownBlocks.write(
                    settings.paths().reliability(), ReliabilityReport.LOAD_BLOCK, block, ReliabilityReport.SKELETON);
            Console.log("written to %s", settings.paths().reliability());
            if (results.serverErrorsOtherThan503() != 0 || results.lost() != 0) {
                throw new IllegalStateException("soak: " + results.serverErrorsOtherThan503()
                        + " 5xx other than 503 or unanswered, " + results.lost() + " results lost");
            }
        }
    }

    /** {@code make bench-memory}: the classifier alone under load for 10 minutes; writes its own section. */
    private void memory() throws InterruptedException {
        Instant started = Instant.now();
        List<TestImages.Photo> photos = TestImages.jpegs(settings.paths().images());
        try (ClassifierProcess classifier = startClassifier()) {
            MemoryScenario.Results results =
                    MemoryScenario.run(classifier.baseUri(), classifier.pid(), photos, settings);
            String block = BenchmarkReport.memory(
                    results, machine, started, settings.memory().concurrency());
            System.out.println();
            System.out.println(block);
            MarkdownBlocks.write(
                    settings.paths().report(), BenchmarkReport.MEMORY_BLOCK, block, BenchmarkReport.SKELETON);
            Console.log("written to %s", settings.paths().report());
        }
    }

    private Measured measure() throws InterruptedException {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        Console.log("%s; load average %s", machine.describe(), machine.loadAverage());
        List<TestImages.Photo> photos = TestImages.jpegs(settings.paths().images());
        List<TestImages.Photo> large =
                TestImages.twelveMegapixel(settings.paths().images());
        // in-process and first, before any service runs: nothing else competes for the cores
        boolean smoke = settings.mode().equals("smoke");
        DecodeScenario.Results decode = DecodeScenario.run(
                settings.paths().images().resolve("large"), settings.paths().models(), smoke ? 1 : 3, smoke ? 3 : 10);
        InferenceSummary djl = inference("DJL", "raw-djl.json");
        InferenceSummary tensorflow = inference("TensorFlow Java", "tensorflow-java.json");
        InferenceSummary djlLegacy = inference("DJL, legacy engine", "raw-djl-legacy.json");
        Map<String, Long> peaks = new LinkedHashMap<>();
        ClassifierScenario.Results classifier;
        ClassifierScenario.Results classifierLarge;
        StackScenario.Results stackResults;
        StackScenario.Results stackLarge;
        StackScenario.Results stackLargeForm;
        TrainingScenario.Results training = null;
        String source;
        if (settings.classifier().standalone()) {
            try (ClassifierProcess alone = startClassifier();
                    MemorySampler sampler = new MemorySampler(
                            List.of(new MemorySampler.Watched("classifier (alone, for (2))", alone.pid(), false)),
                            SAMPLE_INTERVAL)) {
                classifier = ClassifierScenario.run(alone.baseUri(), photos, settings);
                Console.log("classifier: the same levels with the 12 MP photos");
                classifierLarge = ClassifierScenario.run(alone.baseUri(), large, settings);
                sampler.close();
                peaks.putAll(sampler.peaks());
            }
            source = "the packaged classifier jar alone";
            try (BenchStack stack = startStack();
                    MemorySampler sampler = new MemorySampler(stack.watched(), SAMPLE_INTERVAL)) {
                stackResults = StackScenario.run(stack.gateway(), tls(stack), photos, PhotoUpload::body, settings);
                Console.log("stack: the same run with the 12 MP photos");
                stackLarge = StackScenario.run(stack.gateway(), tls(stack), large, PhotoUpload::body, settings);
                Console.log("stack: the 12 MP photos again, each as a form instead of the body");
                stackLargeForm = StackScenario.run(stack.gateway(), tls(stack), large, PhotoUpload::form, settings);
                sampler.close();
                peaks.putAll(sampler.peaks());
            }
        } else {
            try (BenchStack stack = startStack();
                    MemorySampler sampler = new MemorySampler(stack.watched(), SAMPLE_INTERVAL)) {
                classifier = ClassifierScenario.run(stack.classifier(), photos, settings);
                Console.log("classifier: the same levels with the 12 MP photos");
                classifierLarge = ClassifierScenario.run(stack.classifier(), large, settings);
                stackResults = StackScenario.run(stack.gateway(), tls(stack), photos, PhotoUpload::body, settings);
                Console.log("stack: the same run with the 12 MP photos");
                stackLarge = StackScenario.run(stack.gateway(), tls(stack), large, PhotoUpload::body, settings);
                Console.log("stack: the 12 MP photos again, each as a form instead of the body");
                stackLargeForm = StackScenario.run(stack.gateway(), tls(stack), large, PhotoUpload::form, settings);
                if (settings.mode().equals("smoke")) {
                    MixedScenario.Results mixed = MixedScenario.run(stack.gateway(), tls(stack), photos, settings);
                    checkMixed(mixed);
                }
                sampler.close();
                peaks.putAll(sampler.peaks());
                training = trainingApi(stack, photos);
            }
            source = "the stack's classifier, directly on its internal port";
        }
        FullRun run = new FullRun(
                started,
                Duration.ofNanos(System.nanoTime() - startNanos),
                machine,
                settings,
                djl,
                tensorflow,
                djlLegacy,
                classifier,
                source,
                stackResults,
                peaks,
                classifierEnvironment(),
                classifierLarge,
                stackLarge,
                stackLargeForm,
                decode);
        return new Measured(run, training);
    }

    /** Custom models end to end on the stack (3) used, after it: its memory peaks are (4)'s, without training. */
    private TrainingScenario.Results trainingApi(BenchStack stack, List<TestImages.Photo> photos)
            throws InterruptedException {
        if (!settings.trainingApi().enabled()) {
            Console.log("custom models end to end: switched off (bench.trainingApi.enabled=false)");
            return null;
        }
        return TrainingScenario.run(stack.gateway(), tls(stack), photos, settings);
    }

    /** In smoke mode: every kind of the mix got a successful answer, nothing was lost, no 5xx but 503. */
    private static void checkMixed(MixedScenario.Results mixed) {
        for (Map.Entry<String, KindStats> kind : mixed.result().kinds().entrySet()) {
            if (kind.getValue().successes() == 0) {
                throw new IllegalStateException(
                        "bench-smoke: no " + kind.getKey() + " request of the mixed run succeeded: "
                                + kind.getValue().statuses());
            }
        }
        if (mixed.lost() != 0 || mixed.serverErrorsOtherThan503() != 0) {
            throw new IllegalStateException("bench-smoke: mixed run lost " + mixed.lost() + " results, "
                    + mixed.serverErrorsOtherThan503() + " 5xx other than 503 or unanswered");
        }
    }

    private ClassifierProcess startClassifier() {
        Path jar = ServiceJars.copy(
                ServiceJars.classifier(settings.paths().repo()),
                settings.paths().work().resolve("lib"));
        Console.log("starting the classifier alone (%s)", jar.getFileName());
        ClassifierProcess classifier = ClassifierProcess.start(
                jar, settings.paths().models(), settings.paths().work(), CLASSIFIER_START_TIMEOUT);
        Console.log("classifier ready at %s (pid %d)", classifier.baseUri(), classifier.pid());
        return classifier;
    }

    private BenchStack startStack() {
        Console.log(
                "starting the stack (scripts/stack/up.sh, free ports, %s)",
                settings.paths().work().resolve("stack"));
        BenchStack stack = BenchStack.start(
                settings.paths().repo(), settings.paths().work().resolve("stack"));
        Console.log("stack ready at %s", stack.gateway());
        return stack;
    }

    private static SSLContext tls(BenchStack stack) {
        return stack.tls();
    }

    private InferenceSummary inference(String engine, String file) {
        Path path = settings.paths().results().resolve(file);
        return JmhResults.read(path)
                .map(rows -> {
                    try {
                        return InferenceSummary.of(
                                engine,
                                path,
                                Files.getLastModifiedTime(path).toInstant(),
                                rows,
                                JmhResults.batchNote(path).orElse(null));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .orElseGet(() -> {
                    Console.log("%s: no %s, reported as not run", engine, path);
                    return null;
                });
    }

    /** The inference settings given to the services through the environment, for the report. */
    private static List<String> classifierEnvironment() {
        Map<String, String> chosen = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("ZOOLENS_INFERENCE_")
                    || name.equals("ZOOLENS_PREDICTORS")
                    || name.equals("ZOOLENS_CLASSIFIER_JAVA_OPTS")
                    || name.startsWith("TF_NUM_")) {
                chosen.put(name, value);
            }
        });
        return chosen.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
    }

    private static void checkStack(List<String> problems, String what, StackScenario.Results results) {
        if (results.summary().successes() == 0) {
            problems.add("the stack accepted no " + what);
        }
        if (results.lost() != 0) {
            problems.add("the stack stored " + results.stored() + " results for " + results.accepted() + " accepted "
                    + what);
        }
    }
}
