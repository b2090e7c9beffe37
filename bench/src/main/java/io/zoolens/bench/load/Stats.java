package io.zoolens.bench.load;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics over a handful of runs. */
public final class Stats {

    private Stats() {}

    /** The median of the numbers that are not NaN (the mean of the middle two for an even count); NaN if none. */
    public static double median(Collection<Double> values) {
        double[] sorted = values.stream()
                .filter(v -> v != null && !v.isNaN())
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double min(Collection<Double> values) {
        return values.stream()
                .filter(v -> !v.isNaN())
                .mapToDouble(Double::doubleValue)
                .min()
                .orElse(Double.NaN);
    }

    public static double max(Collection<Double> values) {
        return values.stream()
                .filter(v -> !v.isNaN())
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(Double.NaN);
    }

    /**
     * The nearest-rank percentile (0..100) of raw values: the smallest value with at least p% of the values at or
     * below it; NaN when empty.
     */
    public static double percentile(double[] values, double percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Least-squares slope of y over x; NaN with fewer than two distinct x. */
    public static double slope(double[] x, double[] y) {
        int n = Math.min(x.length, y.length);
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            variance += (x[i] - meanX) * (x[i] - meanX);
        }
        return variance == 0 ? Double.NaN : covariance / variance;
    }
}
