package io.zoolens.bench.jmh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the head-training benchmark's JMH JSON ({@code head-training.json}) into {@link TrainingTime}s. */
public final class HeadTrainingResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HeadTrainingResults() {}

    /** The file's configurations, or empty when it does not exist (the benchmark was not run). */
    public static Optional<List<TrainingTime>> read(Path file) {
        return JmhResults.read(file, HeadTrainingResults::parse);
    }

    public static List<TrainingTime> parse(String json) {
        JsonNode root = JSON.readTree(json);
        if (!root.isArray()) {
            throw new IllegalArgumentException("a JMH JSON result is an array of benchmarks");
        }
        List<TrainingTime> times = new ArrayList<>();
        for (JsonNode entry : root) {
            JsonNode metric = entry.path("primaryMetric");
            double toMillis = JmhResults.millisPerUnit(metric.path("scoreUnit").asString(""));
            JsonNode percentiles = metric.path("scorePercentiles");
            JsonNode params = entry.path("params");
            String benchmark = entry.path("benchmark").asString();
            times.add(new TrainingTime(
                    benchmark.substring(benchmark.lastIndexOf('.') + 1),
                    params.path("source").asString("?"),
                    params.path("vectors").asInt(0),
                    params.path("classes").asInt(0),
                    params.path("dimension").asInt(0),
                    metric.path("score").asDouble(Double.NaN) * toMillis,
                    percentile(percentiles, "50.0") * toMillis,
                    percentile(percentiles, "0.0") * toMillis,
                    percentile(percentiles, "100.0") * toMillis,
                    entry.path("warmupIterations").asInt(0),
                    entry.path("measurementIterations").asInt(0)
                            * entry.path("measurementBatchSize").asInt(1)
                            * entry.path("forks").asInt(1),
                    entry.path("jdkVersion").asString("?")));
        }
        return times;
    }

    /** JMH writes "50.0"; older files may write "50". */
    private static double percentile(JsonNode percentiles, String key) {
        JsonNode value = percentiles.path(key);
        if (value.isMissingNode()) {
            value = percentiles.path(key.replace(".0", ""));
        }
        return value.asDouble(Double.NaN);
    }
}
