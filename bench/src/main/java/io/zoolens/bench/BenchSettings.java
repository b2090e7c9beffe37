package io.zoolens.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every knob of a benchmark run, read from system properties ({@code -Dbench.classifier.duration=20s}) over the
 * defaults of the mode. Durations are written {@code 500ms}, {@code 12s}, {@code 10m} or ISO-8601 ({@code PT12S}).
 *
 * @param mode {@code full}, {@code smoke}, {@code soak}, {@code memory}, {@code training} or {@code training-api}
 *     (the last two with full's settings)
 * @param paths where things are read and written
 * @param runs runs per figure (each figure is the median over them)
 * @param warmUp unmeasured load before every measured run
 * @param honourRetryAfter whether clients wait as a 503's Retry-After says (as a real client would)
 * @param requestTimeout the longest a client waits for one answer
 */
public record BenchSettings(
        String mode,
        Paths paths,
        int runs,
        Duration warmUp,
        boolean honourRetryAfter,
        Duration requestTimeout,
        Classifier classifier,
        Stack stack,
        Soak soak,
        Memory memory,
        TrainingApi trainingApi) {

    /**
     * Files and folders.
     *
     * @param repo the repository root
     * @param work scratch space: logs, the stack's var folder, the classifier's copy ({@code target/bench})
     * @param results the JMH result files ({@code target/bench/results})
     * @param report the benchmark report the run updates ({@code docs/benchmarks.md})
     * @param reliability the reliability report the soak updates ({@code docs/reliability.md})
     * @param images the test photos ({@code .cache/test-images})
     * @param models the models folder the standalone classifier serves ({@code models})
     */
    public record Paths(Path repo, Path work, Path results, Path report, Path reliability, Path images, Path models) {}

    /**
     * Scenario (2): the classifier alone over HTTP.
     *
     * @param standalone start the packaged jar alone (false: use the stack's classifier, which saves a start)
     * @param startWarmUp load right after the start, before any run (JIT, TensorFlow's first calls)
     * @param duration measured window per run
     * @param recovery measured window of the c1 run right after the overload run
     * @param concurrency the levels; the highest is the overload run followed by the recovery run
     * @param overloadP99Factor bound on the overload run's p99: at most this times the p99 at c16
     */
    public record Classifier(
            boolean standalone,
            Duration startWarmUp,
            Duration duration,
            Duration recovery,
            List<Integer> concurrency,
            double overloadP99Factor) {}

    /**
     * Scenario (3): uploads through the gateway over TLS, signed in.
     *
     * @param concurrency clients uploading at once
     * @param users accounts; clients take turns over them
     * @param warmUp unmeasured uploads after the sign-ins
     * @param duration measured window per run
     * @param http HTTP version the clients ask the gateway for
     */
    public record Stack(int concurrency, int users, Duration warmUp, Duration duration, HttpClient.Version http) {}

    /**
     * {@code make soak}: mixed traffic through the gateway.
     *
     * @param requests total requests
     * @param concurrency clients (each its own account)
     * @param mix weight per kind of request
     */
    public record Soak(long requests, int concurrency, Map<String, Integer> mix) {}

    /**
     * {@code make bench-memory}: the classifier's resident memory under steady load.
     *
     * @param duration how long the load lasts
     * @param concurrency clients
     * @param interval between memory samples
     * @param warmUp samples before this are not judged (heap and TensorFlow arenas grow to their working size)
     * @param maxGrowthPercent the most the resident memory may grow after the warm-up to count as flat
     */
    public record Memory(
            Duration duration, int concurrency, Duration interval, Duration warmUp, double maxGrowthPercent) {}

    /**
     * Custom models end to end through the gateway (T11–T13): Fashion-MNIST pictures uploaded into albums, trained
     * and retrained, and the default model's uploads measured without and during a training.
     *
     * @param enabled run it in {@code full} and {@code smoke} (mode {@code training-api} always runs it)
     * @param classes albums, one class each
     * @param perClass T11: pictures per class of the model trained with nothing cached
     * @param largePerClass T12: pictures per class of the larger model, built first
     * @param added T12: new pictures (spread over the classes) before the timed retraining
     * @param uploadConcurrency uploads at once while the albums are filled
     * @param loadConcurrency T13: clients uploading to the default model, without and during a training
     * @param loadWarmUp T13: unmeasured load before each window
     * @param loadDuration T13: each measured window
     * @param p99Factor T13: the p99 during a training may be at most this times the p99 without
     * @param poll how often a training is looked at while it runs
     * @param timeout the longest one training may take before the scenario gives up
     */
    public record TrainingApi(
            boolean enabled,
            int classes,
            int perClass,
            int largePerClass,
            int added,
            int uploadConcurrency,
            int loadConcurrency,
            Duration loadWarmUp,
            Duration loadDuration,
            double p99Factor,
            Duration poll,
            Duration timeout) {}

    private static final Map<String, String> FULL = defaults();
    private static final Map<String, String> SMOKE = Map.ofEntries(
            Map.entry("runs", "1"),
            Map.entry("warmUp", "500ms"),
            Map.entry("classifier.standalone", "false"),
            Map.entry("classifier.startWarmUp", "2s"),
            Map.entry("classifier.duration", "2s"),
            Map.entry("classifier.recovery", "1s"),
            Map.entry("classifier.concurrency", "1,4,16"),
            Map.entry("stack.concurrency", "4"),
            Map.entry("stack.users", "4"),
            Map.entry("stack.warmUp", "1s"),
            Map.entry("stack.duration", "3s"),
            Map.entry("soak.requests", "200"),
            Map.entry("soak.concurrency", "8"),
            Map.entry("trainingApi.perClass", "5"),
            Map.entry("trainingApi.largePerClass", "6"),
            Map.entry("trainingApi.added", "5"),
            Map.entry("trainingApi.loadConcurrency", "2"),
            Map.entry("trainingApi.loadWarmUp", "500ms"),
            Map.entry("trainingApi.loadDuration", "2s"),
            Map.entry("report", "target/bench/smoke/benchmarks.md"),
            Map.entry("reliabilityReport", "target/bench/smoke/reliability.md"));

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("repoDir", ".");
        d.put("workDir", "target/bench");
        d.put("results", "target/bench/results");
        d.put("report", "docs/benchmarks.md");
        d.put("reliabilityReport", "docs/reliability.md");
        d.put("images", ".cache/test-images");
        d.put("models", "models");
        d.put("runs", "3");
        d.put("warmUp", "3s");
        d.put("honourRetryAfter", "true");
        d.put("requestTimeout", "60s");
        d.put("classifier.standalone", "true");
        d.put("classifier.startWarmUp", "10s");
        d.put("classifier.duration", "12s");
        d.put("classifier.recovery", "10s");
        d.put("classifier.concurrency", "1,4,16,64");
        d.put("classifier.overloadP99Factor", "2");
        d.put("stack.concurrency", "16");
        d.put("stack.users", "16");
        d.put("stack.warmUp", "10s");
        d.put("stack.duration", "15s");
        d.put("stack.http", "2");
        d.put("soak.requests", "20000");
        d.put("soak.concurrency", "32");
        d.put("soak.mix", "signin:5,upload:10,history:60,feedback:25");
        d.put("memory.duration", "10m");
        d.put("memory.concurrency", "16");
        d.put("memory.interval", "5s");
        d.put("memory.warmUp", "2m");
        d.put("memory.maxGrowthPercent", "5");
        d.put("trainingApi.enabled", "true");
        d.put("trainingApi.classes", "5");
        d.put("trainingApi.perClass", "20");
        d.put("trainingApi.largePerClass", "100");
        d.put("trainingApi.added", "10");
        d.put("trainingApi.uploadConcurrency", "4");
        d.put("trainingApi.loadConcurrency", "4");
        d.put("trainingApi.loadWarmUp", "2s");
        d.put("trainingApi.loadDuration", "15s");
        d.put("trainingApi.p99Factor", "2");
        d.put("trainingApi.poll", "100ms");
        d.put("trainingApi.timeout", "10m");
        return Map.copyOf(d);
    }

    /** The settings of a mode, each overridable by the system property {@code bench.<key>}. */
    public static BenchSettings fromSystemProperties(String mode) {
        return load(mode, key -> System.getProperty("bench." + key));
    }

    /** The settings of a mode; {@code property} answers a key's override or null. */
    public static BenchSettings load(String mode, UnaryOperator<String> property) {
        if (!List.of("full", "smoke", "soak", "memory", "training", "training-api")
                .contains(mode)) {
            throw new IllegalArgumentException(
                    "unknown mode " + mode + " (full, smoke, soak, memory, training, training-api)");
        }
        UnaryOperator<String> value = key -> {
            String override = property.apply(key);
            if (override != null && !override.isBlank()) {
                return override.trim();
            }
            return mode.equals("smoke") && SMOKE.containsKey(key) ? SMOKE.get(key) : FULL.get(key);
        };
        Path repo = Path.of(value.apply("repoDir")).toAbsolutePath().normalize();
        Paths paths = new Paths(
                repo,
                repo.resolve(value.apply("workDir")),
                repo.resolve(value.apply("results")),
                repo.resolve(value.apply("report")),
                repo.resolve(value.apply("reliabilityReport")),
                repo.resolve(value.apply("images")),
                repo.resolve(value.apply("models")));
        return new BenchSettings(
                mode,
                paths,
                positive("runs", Integer.parseInt(value.apply("runs"))),
                duration(value.apply("warmUp")),
                Boolean.parseBoolean(value.apply("honourRetryAfter")),
                duration(value.apply("requestTimeout")),
                new Classifier(
                        Boolean.parseBoolean(value.apply("classifier.standalone")),
                        duration(value.apply("classifier.startWarmUp")),
                        duration(value.apply("classifier.duration")),
                        duration(value.apply("classifier.recovery")),
                        integers(value.apply("classifier.concurrency")),
                        Double.parseDouble(value.apply("classifier.overloadP99Factor"))),
                new Stack(
                        positive("stack.concurrency", Integer.parseInt(value.apply("stack.concurrency"))),
                        positive("stack.users", Integer.parseInt(value.apply("stack.users"))),
                        duration(value.apply("stack.warmUp")),
                        duration(value.apply("stack.duration")),
                        value.apply("stack.http").startsWith("1")
                                ? HttpClient.Version.HTTP_1_1
                                : HttpClient.Version.HTTP_2),
                new Soak(
                        positive("soak.requests", Long.parseLong(value.apply("soak.requests"))),
                        positive("soak.concurrency", Integer.parseInt(value.apply("soak.concurrency"))),
                        weights(value.apply("soak.mix"))),
                new Memory(
                        duration(value.apply("memory.duration")),
                        positive("memory.concurrency", Integer.parseInt(value.apply("memory.concurrency"))),
                        duration(value.apply("memory.interval")),
                        duration(value.apply("memory.warmUp")),
                        Double.parseDouble(value.apply("memory.maxGrowthPercent"))),
                trainingApi(value));
    }

    private static TrainingApi trainingApi(UnaryOperator<String> value) {
        int classes = positive("trainingApi.classes", Integer.parseInt(value.apply("trainingApi.classes")));
        if (classes < 2 || classes > 10) {
            // a model needs 2 classes; Fashion-MNIST has 10
            throw new IllegalArgumentException("bench.trainingApi.classes must be 2–10, not " + classes);
        }
        int perClass = positive("trainingApi.perClass", Integer.parseInt(value.apply("trainingApi.perClass")));
        int largePerClass =
                positive("trainingApi.largePerClass", Integer.parseInt(value.apply("trainingApi.largePerClass")));
        if (Math.min(perClass, largePerClass) < 5) {
            // the api refuses a class with fewer than 5 distinct pictures
            throw new IllegalArgumentException("bench.trainingApi.perClass and largePerClass must be at least 5");
        }
        return new TrainingApi(
                Boolean.parseBoolean(value.apply("trainingApi.enabled")),
                classes,
                perClass,
                largePerClass,
                positive("trainingApi.added", Integer.parseInt(value.apply("trainingApi.added"))),
                positive(
                        "trainingApi.uploadConcurrency",
                        Integer.parseInt(value.apply("trainingApi.uploadConcurrency"))),
                positive("trainingApi.loadConcurrency", Integer.parseInt(value.apply("trainingApi.loadConcurrency"))),
                duration(value.apply("trainingApi.loadWarmUp")),
                duration(value.apply("trainingApi.loadDuration")),
                positive("trainingApi.p99Factor", Double.parseDouble(value.apply("trainingApi.p99Factor"))),
                duration(value.apply("trainingApi.poll")),
                duration(value.apply("trainingApi.timeout")));
    }

    /** {@code 500ms}, {@code 12s}, {@code 10m}, {@code 1h}, or ISO-8601 such as {@code PT12S}. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("not a duration: " + text + " (e.g. 500ms, 12s, 10m)");
        };
    }

    static List<Integer> integers(String text) {
        List<Integer> values = Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Integer::parseInt)
                .sorted()
                .distinct()
                .toList();
        if (values.isEmpty() || values.get(0) < 1) {
            throw new IllegalArgumentException("concurrency levels must be positive: " + text);
        }
        return values;
    }

    /** {@code signin:5,upload:10} → {signin=5, upload=10}. */
    static Map<String, Integer> weights(String text) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("soak.mix entries look like upload:10, not " + pair);
            }
            weights.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
        }
        return weights;
    }

    private static <N extends Number> N positive(String key, N value) {
        if (value.doubleValue() <= 0) {
            throw new IllegalArgumentException("bench." + key + " must be positive, not " + value);
        }
        return value;
    }
}
