package io.zoolens.bench.jmh;

import java.util.Map;

/**
 * One entry of a JMH JSON result file ({@code -rf json}): a benchmark method in one mode with one set of
 * parameters, its score converted to milliseconds per call (time modes) or calls per second (throughput mode).
 *
 * @param benchmark the method's full name
 * @param mode JMH's mode name: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param threads JMH threads calling the method at once
 * @param params the {@code @Param} values
 * @param score milliseconds per call (time modes) or calls per second ({@code thrpt})
 * @param percentiles milliseconds per call by percentile ({@code "50.0"}, {@code "99.0"}, ...); sample mode only
 */
public record JmhRow(
        String benchmark,
        String mode,
        int threads,
        Map<String, String> params,
        double score,
        Map<String, Double> percentiles) {

    public JmhRow {
        params = Map.copyOf(params);
        percentiles = Map.copyOf(percentiles);
    }

    public boolean throughputMode() {
        return "thrpt".equals(mode);
    }

    /** Images per call: the {@code batch} (or {@code batchSize}) parameter, 1 without one. */
    public int batch() {
        String value = params.getOrDefault("batch", params.getOrDefault("batchSize", "1"));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The method name without package and class. */
    public String method() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(dot + 1);
    }

    /**
     * Images per second: {@code thrpt}'s calls per second (JMH sums them over its threads) times the batch; for a
     * time mode, every JMH thread completes one call per mean call time, so threads × batch / mean.
     */
    public double imagesPerSecond() {
        if (throughputMode()) {
            return score * batch();
        }
        return score <= 0 ? Double.NaN : threads * batch() * 1000.0 / score;
    }

    /** A percentile of the call time in ms (sample mode), the mean for other time modes, NaN for throughput. */
    public double millis(double percentile) {
        if (throughputMode()) {
            return Double.NaN;
        }
        Double value = percentiles.get(percentileKey(percentile));
        if (value != null) {
            return value;
        }
        return percentiles.isEmpty() ? score : Double.NaN;
    }

    static String percentileKey(double percentile) {
        return String.valueOf(percentile);
    }
}
