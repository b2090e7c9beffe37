package io.zoolens.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads JMH's JSON result format ({@code -rf json}) into {@link JmhRow}s. */
public final class JmhResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JmhResults() {}

    /** The rows of a result file, or empty when the file does not exist (that benchmark was not run). */
    public static Optional<List<JmhRow>> read(Path file) {
        return read(file, JmhResults::parse);
    }

    /** A JMH result file parsed by {@code parser}, or empty when the file does not exist. */
    static <T> Optional<T> read(Path file, Function<String, T> parser) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The batch probe the inference benchmarks write beside their results ({@code raw-djl.batches.json}):
     * {@code {"engine": …, "supported": [1, 2], "refused": {"4": "why"}}}, as one line of text; empty when absent
     * or unreadable.
     */
    public static Optional<String> batchNote(Path resultFile) {
        String name = resultFile.getFileName().toString().replaceFirst("\\.json$", "") + ".batches.json";
        Path probe = resultFile.resolveSibling(name);
        if (!Files.isRegularFile(probe)) {
            return Optional.empty();
        }
        try {
            return Optional.of(describeBatches(Files.readString(probe)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String describeBatches(String json) {
        JsonNode probe = JSON.readTree(json);
        List<String> supported = new ArrayList<>();
        probe.path("supported").forEach(n -> supported.add(n.asString()));
        StringBuilder text = new StringBuilder("batch sizes the model accepts: " + String.join(", ", supported));
        List<String> refused = new ArrayList<>();
        probe.path("refused")
                .properties()
                .forEach(p -> refused.add(p.getKey() + " (" + p.getValue().asString() + ")"));
        if (!refused.isEmpty()) {
            text.append("; refused: ").append(String.join("; ", refused));
        }
        return text.toString();
    }

    public static List<JmhRow> parse(String json) {
        JsonNode root = JSON.readTree(json);
        if (!root.isArray()) {
            throw new IllegalArgumentException("a JMH JSON result is an array of benchmarks");
        }
        List<JmhRow> rows = new ArrayList<>();
        for (JsonNode entry : root) {
            rows.add(row(entry));
        }
        return rows;
    }

    private static JmhRow row(JsonNode entry) {
        String mode = entry.path("mode").asString("");
        JsonNode metric = entry.path("primaryMetric");
        String unit = metric.path("scoreUnit").asString("");
        Map<String, String> params = new LinkedHashMap<>();
        entry.path("params")
                .properties()
                .forEach(p -> params.put(p.getKey(), p.getValue().asString()));
        double score = metric.path("score").asDouble(Double.NaN);
        Map<String, Double> percentiles = new LinkedHashMap<>();
        if (!"thrpt".equals(mode)) {
            double toMillis = millisPerUnit(unit);
            score *= toMillis;
            metric.path("scorePercentiles")
                    .properties()
                    .forEach(p ->
                            percentiles.put(normalise(p.getKey()), p.getValue().asDouble(Double.NaN) * toMillis));
        } else {
            score *= callsPerSecondPerUnit(unit);
        }
        return new JmhRow(
                entry.path("benchmark").asString(), mode, entry.path("threads").asInt(1), params, score, percentiles);
    }

    /** "50" and "50.0" both become "50.0", the form {@link JmhRow#millis} asks for. */
    private static String normalise(String percentile) {
        try {
            return String.valueOf(Double.parseDouble(percentile));
        } catch (NumberFormatException e) {
            return percentile;
        }
    }

    /** Factor from a JMH time unit ({@code ms/op}, {@code us/op}, ...) to milliseconds. */
    static double millisPerUnit(String unit) {
        String time = unit.toLowerCase(Locale.ROOT).replace("/op", "").trim();
        return switch (time) {
            case "ns" -> 1e-6;
            case "us", "µs" -> 1e-3;
            case "ms" -> 1;
            case "s" -> 1e3;
            case "min" -> 60e3;
            default -> throw new IllegalArgumentException("unknown JMH time unit " + unit);
        };
    }

    /** Factor from a JMH throughput unit ({@code ops/s}, {@code ops/ms}, ...) to calls per second. */
    static double callsPerSecondPerUnit(String unit) {
        String time = unit.toLowerCase(Locale.ROOT).replace("ops/", "").trim();
        return switch (time) {
            case "ns" -> 1e9;
            case "us", "µs" -> 1e6;
            case "ms" -> 1e3;
            case "s" -> 1;
            case "min" -> 1 / 60.0;
            default -> throw new IllegalArgumentException("unknown JMH throughput unit " + unit);
        };
    }
}
