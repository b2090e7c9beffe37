package io.zoolens.bench.jmh;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-process inference benchmark's result file reduced to what the report compares: every configuration, the
 * fastest (most images per second), and the single-image latency (batch 1, one caller).
 *
 * @param engine e.g. {@code DJL (TensorFlow engine)}
 * @param file the JMH result file
 * @param written when the file was written
 * @param configs every configuration, in file order
 * @param batchNote which batch sizes the model accepted, from the benchmark's {@code <name>.batches.json}, or null
 */
public record InferenceSummary(
        String engine, Path file, Instant written, List<InferenceConfig> configs, String batchNote) {

    private static final Set<String> BATCH_PARAMS = Set.of("batch", "batchSize");

    public InferenceSummary {
        configs = List.copyOf(configs);
    }

    public static InferenceSummary of(String engine, Path file, Instant written, List<JmhRow> rows, String batchNote) {
        Map<String, List<JmhRow>> byConfig = new LinkedHashMap<>();
        for (JmhRow row : rows) {
            String key = row.benchmark() + "|" + row.threads() + "|" + new TreeMap<>(row.params());
            byConfig.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<InferenceConfig> configs = new ArrayList<>();
        for (List<JmhRow> group : byConfig.values()) {
            JmhRow first = group.get(0);
            Optional<JmhRow> throughput =
                    group.stream().filter(JmhRow::throughputMode).findFirst();
            Optional<JmhRow> timed = group.stream()
                    .filter(r -> !r.throughputMode())
                    .max(Comparator.comparing(r -> "sample".equals(r.mode())));
            double imagesPerSecond =
                    throughput.or(() -> timed).map(JmhRow::imagesPerSecond).orElse(Double.NaN);
            configs.add(new InferenceConfig(
                    first.method(),
                    first.threads(),
                    first.params(),
                    first.batch(),
                    imagesPerSecond,
                    timed.map(r -> r.millis(50)).orElse(Double.NaN),
                    timed.map(r -> r.millis(95)).orElse(Double.NaN),
                    timed.map(r -> r.millis(99)).orElse(Double.NaN)));
        }
        return new InferenceSummary(engine, file, written, configs, batchNote);
    }

    /** Parameters (other than the batch) whose value differs between configurations: the ones a label needs. */
    public Set<String> varyingParams() {
        Set<String> varying = new TreeSet<>();
        for (InferenceConfig config : configs) {
            for (Map.Entry<String, String> param : config.params().entrySet()) {
                boolean differs = configs.stream()
                        .anyMatch(
                                other -> !param.getValue().equals(other.params().get(param.getKey())));
                if (differs && !BATCH_PARAMS.contains(param.getKey())) {
                    varying.add(param.getKey());
                }
            }
        }
        return varying;
    }

    /** Parameters with one value in every configuration, e.g. the engine's version and the model. */
    public Map<String, String> commonParams() {
        Map<String, String> common = new TreeMap<>();
        if (configs.isEmpty()) {
            return common;
        }
        Set<String> varying = varyingParams();
        configs.get(0).params().forEach((key, value) -> {
            if (!varying.contains(key) && !BATCH_PARAMS.contains(key)) {
                common.put(key, value);
            }
        });
        return common;
    }

    /** The configuration with the most images per second. */
    public Optional<InferenceConfig> best() {
        return configs.stream()
                .filter(c -> !Double.isNaN(c.imagesPerSecond()))
                .max(Comparator.comparingDouble(InferenceConfig::imagesPerSecond));
    }

    /** The configuration of {@code method} at {@code batch} with a single caller, if measured. */
    public Optional<InferenceConfig> oneCaller(String method, int batch) {
        return configs.stream()
                .filter(c -> c.method().equals(method) && c.batch() == batch && c.singleCaller())
                .findFirst();
    }

    /** Batch 1 with a single caller (else any batch 1): the lowest p50 among them. */
    public Optional<InferenceConfig> batchOne() {
        List<InferenceConfig> batchOne =
                configs.stream().filter(c -> c.batch() == 1).toList();
        List<InferenceConfig> single =
                batchOne.stream().filter(InferenceConfig::singleCaller).toList();
        return (single.isEmpty() ? batchOne : single)
                .stream().filter(c -> !Double.isNaN(c.p50())).min(Comparator.comparingDouble(InferenceConfig::p50));
    }
}
