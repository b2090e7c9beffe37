package io.zoolens.bench.training;

import io.zoolens.bench.jmhsupport.InferenceBenchSettings;
import io.zoolens.bench.jmhsupport.JmhRuns;
import io.zoolens.training.evaluation.CrossValidation;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureExtractor;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.head.LabelledVectors;
import io.zoolens.training.head.SoftmaxHead;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14 (b): how long the head takes to train on cached feature vectors — {@link HeadTrainer#train} with the
 * default settings, 528 values, 10 classes — and a 5-fold {@link CrossValidation#run}. One call is one whole
 * training, timed alone (JMH SingleShotTime) after warm-up calls in the same JVM.
 *
 * <p>Vectors ({@code source}): {@code fashion-mnist}, the default model's {@code features} of real pictures
 * (Debian's dataset-fashion-mnist, class-balanced, extracted once by {@link #main} into target/bench/cache), up to
 * {@code bench.training.realVectors}; above that, or without the dataset, {@code synthetic}:
 * {@link SyntheticFeatures}. Writes {@code target/bench/results/head-training.json}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HeadTrainingBenchmark {

    static final String RESULT_NAME = "head-training";
    static final String REAL = "fashion-mnist";
    /** Synthetic vectors around the real class centroids with the real within-class spread. */
    static final String RESAMPLED = "fashion-mnist-resampled";

    static final String SYNTHETIC = "synthetic";
    /** Real deviations mixed into each resampled vector. */
    static final int MIXED = 8;

    static final long SEED = 14;

    @State(Scope.Benchmark)
    public static class Vectors {

        @Param({"1000"})
        public int vectors;

        @Param({"10"})
        public int classes;

        /** The default model's {@code features}: 528 values. */
        @Param({"528"})
        public int dimension;

        @Param({SYNTHETIC})
        public String source;

        /** {@link HeadTrainer.Settings#threads}: 1 as in the classifier, 2 to see what the second core buys. */
        @Param({"1"})
        public int threads;

        LabelledVectors data;
        HeadTrainer trainer;

        @Setup(Level.Trial)
        public void load() throws IOException {
            Path real = realFeatures();
            data = switch (source) {
                case REAL -> FeatureVectorFile.read(real, vectors);
                case RESAMPLED ->
                    SyntheticFeatures.resample(
                            FeatureVectorFile.read(real, FeatureVectorFile.rows(real)), vectors, MIXED, SEED);
                default ->
                    SyntheticFeatures.generate(vectors, classes, dimension, SyntheticFeatures.DEFAULT_SPREAD, SEED);
            };
            if (data.dimension() != dimension || data.labels().size() != classes) {
                throw new IllegalStateException("the " + source + " vectors have " + data.dimension() + " values and "
                        + data.labels().size() + " classes, not " + dimension + " and " + classes);
            }
            trainer = new HeadTrainer(HeadTrainer.Settings.defaults().withThreads(threads));
        }
    }

    @Benchmark
    public SoftmaxHead train(Vectors state) {
        return state.trainer.train(state.data);
    }

    @Benchmark
    public CrossValidation crossValidate(Vectors state) {
        return CrossValidation.run(state.data, state.trainer, SEED);
    }

    /** Real pictures' vectors: one file per backbone ({@code bench.model}, forks inherit the property). */
    static Path realFeatures() {
        String model = InferenceBenchSettings.fromSystemProperties().model().replaceAll("[^A-Za-z0-9]+", "-");
        return BenchmarkPaths.cache().resolve("fashion-mnist-" + model + "-seed" + SEED + ".bin");
    }

    /** One JMH run: a method, the vector counts, their source, untimed and timed calls per count. */
    record Plan(String method, String source, List<Integer> vectors, int warmups, int iterations) {}

    /** Calls per size: short ones often, long ones (a cross-validation, 10,000 vectors) a few times. */
    record Repeats(int warmups, int iterations, int longWarmups, int longIterations, int longFrom) {}

    /**
     * Which (method, source, sizes) to run. With real features: sizes up to {@code realMax} on them, and every
     * training size from the largest real one up on resampled vectors (synthetic, with the real spread); the
     * isotropic synthetic vectors at those sizes too, for comparison, and at every size without real features.
     */
    static List<Plan> plans(
            List<Integer> trainSizes, List<Integer> crossValidationSizes, int realMax, boolean real, Repeats repeats) {
        List<Plan> plans = new ArrayList<>();
        for (String method : List.of("train", "crossValidate")) {
            boolean training = method.equals("train");
            List<Integer> sizes = training ? trainSizes : crossValidationSizes;
            List<Integer> onReal =
                    real ? sizes.stream().filter(n -> n <= realMax).toList() : List.of();
            List<Integer> beyond = onReal.isEmpty()
                    ? sizes
                    : sizes.stream()
                            .filter(n -> n >= onReal.get(onReal.size() - 1))
                            .toList();
            add(plans, method, REAL, onReal, training, repeats);
            if (!onReal.isEmpty() && training) {
                add(plans, method, RESAMPLED, beyond, true, repeats);
            }
            if (onReal.isEmpty() || training) {
                add(plans, method, SYNTHETIC, beyond, training, repeats);
            }
        }
        return plans;
    }

    private static void add(
            List<Plan> plans, String method, String source, List<Integer> sizes, boolean training, Repeats repeats) {
        List<Integer> quick =
                sizes.stream().filter(n -> training && n < repeats.longFrom()).toList();
        List<Integer> slow = sizes.stream().filter(n -> !quick.contains(n)).toList();
        if (!quick.isEmpty()) {
            plans.add(new Plan(method, source, quick, repeats.warmups(), repeats.iterations()));
        }
        if (!slow.isEmpty()) {
            plans.add(new Plan(method, source, slow, repeats.longWarmups(), repeats.longIterations()));
        }
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Boolean.getBoolean("bench.smoke");
        List<Integer> trainSizes = BenchmarkPaths.ints("bench.training.vectors", smoke ? "100" : "100,1000,10000");
        List<Integer> cvSizes = BenchmarkPaths.ints("bench.training.crossValidationVectors", smoke ? "100" : "1000");
        int realMax = Integer.getInteger("bench.training.realVectors", smoke ? 0 : 1000);
        List<Integer> threads = BenchmarkPaths.ints("bench.training.threads", "1");
        Repeats repeats = new Repeats(
                Integer.getInteger("bench.training.warmups", smoke ? 0 : 3),
                Integer.getInteger("bench.training.iterations", smoke ? 1 : 8),
                Integer.getInteger("bench.training.longWarmups", smoke ? 0 : 1),
                Integer.getInteger("bench.training.longIterations", smoke ? 1 : 3),
                Integer.getInteger("bench.training.longFrom", 10_000));
        boolean real = realMax > 0 && prepareRealFeatures(realMax);

        Path resultFile = BenchmarkPaths.results().resolve(RESULT_NAME + ".json");
        Files.createDirectories(resultFile.getParent());
        List<RunResult> results = new ArrayList<>();
        List<String> jsonArrays = new ArrayList<>();
        int expected = 0;
        for (Plan plan : plans(trainSizes, cvSizes, realMax, real, repeats)) {
            expected += plan.vectors().size() * threads.size();
            Path part = resultFile.resolveSibling(resultFile.getFileName() + "." + plan.method() + "-" + plan.source()
                    + "-" + plan.vectors().get(0));
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(Pattern.quote(HeadTrainingBenchmark.class.getName() + "." + plan.method()) + "$")
                    .forks(Integer.getInteger("bench.forks", 1))
                    .warmupIterations(plan.warmups())
                    .measurementIterations(plan.iterations())
                    .shouldFailOnError(false)
                    .resultFormat(ResultFormatType.JSON)
                    .result(part.toString())
                    .param("source", plan.source())
                    .param("threads", threads.stream().map(String::valueOf).toArray(String[]::new))
                    .param(
                            "vectors",
                            plan.vectors().stream().map(String::valueOf).toArray(String[]::new));
            results.addAll(new Runner(options.build()).run());
            if (Files.exists(part)) {
                jsonArrays.add(Files.readString(part));
                Files.delete(part);
            }
        }
        Files.writeString(resultFile, JmhRuns.concatenateJsonArrays(jsonArrays));
        printSummary(resultFile, results);
        if (results.size() != expected) {
            System.err.println("Some benchmark runs failed; see the JMH output above.");
            System.exit(1);
        }
    }

    /**
     * Extracts the default model's features of {@code count} Fashion-MNIST pictures once (FeatureExtractor, batches
     * of 8, as a training job); false when the dataset is not installed.
     */
    static boolean prepareRealFeatures(int count) throws IOException {
        Path file = realFeatures();
        if (FeatureVectorFile.rows(file) >= count) {
            return true;
        }
        if (!FashionMnistPictures.installed()) {
            System.out.println(
                    "Fashion-MNIST is not installed (" + FashionMnistPictures.DIR + "): synthetic vectors only");
            return false;
        }
        InferenceBenchSettings settings = InferenceBenchSettings.fromSystemProperties();
        int perClass = (count + FashionMnistPictures.CLASSES - 1) / FashionMnistPictures.CLASSES;
        List<FashionMnistPictures.Picture> pictures = FashionMnistPictures.balanced(perClass, SEED);
        BenchmarkPaths.prepareNatives(settings.intraOpThreads(), settings.interOpThreads());
        Path root = InferenceBenchSettings.repositoryRoot();
        Backbone backbone = Backbone.open(
                root.resolve(settings.model()), JsonMapper.builder().build());
        Path workDir = Files.createTempDirectory("zoolens-bench-head");
        float[][] vectors;
        long started = System.nanoTime();
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, workDir.resolve("graph"), 8)) {
            List<BufferedImage> images =
                    pictures.stream().map(FashionMnistPictures.Picture::image).toList();
            vectors = extractor.extract(images);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "Extracted the features of %d Fashion-MNIST pictures in %.1f s (%.1f pictures/s, model load included)"
                        + " into %s%n",
                pictures.size(),
                seconds,
                pictures.size() / seconds,
                file);
        List<String> labels = IntStream.range(0, FashionMnistPictures.CLASSES)
                .mapToObj(c -> "fashion-" + c)
                .toList();
        int[] classes =
                pictures.stream().mapToInt(FashionMnistPictures.Picture::label).toArray();
        FeatureVectorFile.write(file, labels, classes, vectors);
        return true;
    }

    private static void printSummary(Path resultFile, List<RunResult> results) {
        System.out.printf(
                Locale.ROOT, "%nHead training (model-training, default settings); results in %s%n", resultFile);
        System.out.printf(
                Locale.ROOT,
                "%-14s %-24s %8s %7s %9s %9s %9s%n",
                "method",
                "source",
                "vectors",
                "threads",
                "mean ms",
                "min ms",
                "max ms");
        Map<String, Statistics> rows = new LinkedHashMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().replaceFirst(".*\\.", "");
            rows.put(
                    method + "|" + r.getParams().getParam("source") + "|"
                            + r.getParams().getParam("vectors") + "|"
                            + r.getParams().getParam("threads"),
                    r.getPrimaryResult().getStatistics());
        }
        rows.forEach((key, stats) -> {
            String[] parts = key.split("\\|");
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %-24s %8s %7s %9.1f %9.1f %9.1f%n",
                    parts[0],
                    parts[1],
                    parts[2],
                    parts[3],
                    stats.getMean(),
                    stats.getMin(),
                    stats.getMax());
        });
    }
}
