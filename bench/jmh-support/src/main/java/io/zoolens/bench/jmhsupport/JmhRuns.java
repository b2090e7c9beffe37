package io.zoolens.bench.jmhsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs one JMH benchmark method for each thread count and writes all results into one JMH JSON
 * file; prints the summary the docs quote. Shared by both sides of the comparison (DJL in bench/djl,
 * TensorFlow Java in bench/tensorflow-java), so they write the same files and summary.
 */
public final class JmhRuns {

    private JmhRuns() {}

    /** Which batch sizes the model accepted, and the engine's answer for each one it refused. */
    public record BatchProbe(String engine, List<Integer> supported, Map<Integer, String> refused) {

        String toJson() {
            String refusals = refused.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\": " + quote(e.getValue()))
                    .collect(Collectors.joining(", "));
            return "{\"engine\": " + quote(engine) + ", \"supported\": " + supported + ", \"refused\": {" + refusals
                    + "}}\n";
        }
    }

    /**
     * JMH takes one thread count per run, so each count is a run of its own; {@code params} hold the
     * values of every {@code @Param}, one fork per combination.
     */
    /** Tries each batch size once on the real model, so JMH runs only the sizes it takes. */
    @FunctionalInterface
    public interface BatchProber {
        BatchProbe probe(InferenceBenchSettings settings) throws Exception;
    }

    /**
     * The whole run of one side: probes the batch sizes, runs {@code benchmarkClass.infer} with every accepted
     * one, writes {@code <resultName>.json} and {@code <resultName>.batches.json} under {@code bench.results}
     * and prints the summary; exits with 1 when nothing could run or a run failed.
     */
    public static void probeRunAndReport(String title, String resultName, Class<?> benchmarkClass, BatchProber prober)
            throws Exception {
        InferenceBenchSettings settings = InferenceBenchSettings.fromSystemProperties();
        Path results = InferenceBenchSettings.repositoryRoot()
                .resolve(System.getProperty("bench.results", "target/bench/results"));
        BatchProbe probe = prober.probe(settings);
        writeProbe(probe, results.resolve(resultName + ".batches.json"));
        if (probe.supported().isEmpty()) {
            System.err.println(
                    "The model accepted none of the batch sizes " + settings.batches() + ": " + probe.refused());
            System.exit(1);
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("batch", probe.supported().stream().map(String::valueOf).toList());
        params.put("intraOpThreads", List.of(String.valueOf(settings.intraOpThreads())));
        params.put("interOpThreads", List.of(String.valueOf(settings.interOpThreads())));
        params.put("model", List.of(settings.model()));
        params.put("photo", List.of(settings.photo()));
        params.put("engine", List.of(probe.engine()));
        params.put("oneDnnOpts", List.of(oneDnnOpts()));
        Path resultFile = results.resolve(resultName + ".json");
        var runs = run(benchmarkClass.getName() + ".infer", params, settings, resultFile);
        printSummary(
                title + ", " + probe.engine() + ", " + settings.model() + " (refused batches: "
                        + probe.refused().keySet() + "); results in " + resultFile,
                runs);
        if (runs.size() != probe.supported().size() * settings.threads().size()) {
            System.err.println("Some benchmark runs failed; see the JMH output above.");
            System.exit(1);
        }
    }

    /** TensorFlow reads TF_ENABLE_ONEDNN_OPTS when its library loads; recorded so the report can state it. */
    private static String oneDnnOpts() {
        String value = System.getenv("TF_ENABLE_ONEDNN_OPTS");
        return value == null || value.isBlank() ? "default" : value;
    }

    public static List<RunResult> run(
            String benchmark, Map<String, List<String>> params, InferenceBenchSettings settings, Path resultFile)
            throws RunnerException, IOException {
        int combinations = params.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b)
                * settings.threads().size();
        TimeValue iteration = TimeValue.seconds(settings.secondsPerIteration(combinations));
        Files.createDirectories(resultFile.getParent());
        List<RunResult> results = new ArrayList<>();
        List<String> jsonArrays = new ArrayList<>();
        for (int threads : settings.threads()) {
            Path part = resultFile.resolveSibling(resultFile.getFileName() + ".threads-" + threads);
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(Pattern.quote(benchmark) + "$")
                    .threads(threads)
                    .forks(settings.forks())
                    .warmupIterations(settings.warmupIterations())
                    .warmupTime(iteration)
                    .measurementIterations(settings.iterations())
                    .measurementTime(iteration)
                    .shouldFailOnError(false)
                    .resultFormat(ResultFormatType.JSON)
                    .result(part.toString());
            params.forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
            results.addAll(new Runner(options.build()).run());
            if (Files.exists(part)) {
                jsonArrays.add(Files.readString(part));
                Files.delete(part);
            }
        }
        Files.writeString(resultFile, concatenateJsonArrays(jsonArrays));
        return results;
    }

    public static void writeProbe(BatchProbe probe, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, probe.toJson());
    }

    /** Latency percentiles per call and images/s = batch × threads / mean time per call. */
    public static void printSummary(String title, List<RunResult> results) {
        System.out.printf(Locale.ROOT, "%n%s%n", title);
        System.out.printf(
                Locale.ROOT,
                "%5s %7s %9s %9s %9s %9s %9s %8s%n",
                "batch",
                "threads",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "mean ms",
                "images/s",
                "samples");
        results.stream()
                .sorted(Comparator.comparingInt((RunResult r) -> r.getParams().getThreads())
                        .thenComparingInt(r -> Integer.parseInt(r.getParams().getParam("batch"))))
                .forEach(r -> {
                    Statistics stats = r.getPrimaryResult().getStatistics();
                    int batch = Integer.parseInt(r.getParams().getParam("batch"));
                    int threads = r.getParams().getThreads();
                    System.out.printf(
                            Locale.ROOT,
                            "%5d %7d %9.1f %9.1f %9.1f %9.1f %9.2f %8d%n",
                            batch,
                            threads,
                            stats.getPercentile(50),
                            stats.getPercentile(95),
                            stats.getPercentile(99),
                            stats.getMean(),
                            batch * threads * 1000.0 / stats.getMean(),
                            stats.getN());
                });
    }

    /** JMH writes one JSON array per run; the report reads one array per side. */
    public static String concatenateJsonArrays(List<String> arrays) {
        List<String> bodies = new ArrayList<>();
        for (String array : arrays) {
            String trimmed = array.strip();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                String body = trimmed.substring(1, trimmed.length() - 1).strip();
                if (!body.isEmpty()) {
                    bodies.add(body);
                }
            }
        }
        return "[\n" + String.join(",\n", bodies) + "\n]\n";
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
