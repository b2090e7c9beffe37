package io.zoolens.bench.load;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of one kind of request: every status seen, latencies of the successful (2xx) ones and of the
 * shed (503) ones apart, and how many 503s said when to come back. Written by one worker thread; merged afterwards.
 */
public final class KindStats {

    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    // Latencies in microseconds; auto-resizing, 3 significant digits.
    private final Histogram success = new Histogram(3);
    private final Histogram shed = new Histogram(3);
    private long shedWithRetryAfter;

    public void record(Exchange exchange, long micros) {
        statuses.merge(exchange.status(), 1L, Long::sum);
        if (exchange.failure() != null) {
            failures.merge(exchange.failure(), 1L, Long::sum);
        }
        long value = Math.max(1, micros);
        if (exchange.success()) {
            success.recordValue(value);
        } else if (exchange.shed()) {
            shed.recordValue(value);
            if (exchange.retryAfter()) {
                shedWithRetryAfter++;
            }
        }
    }

    public void add(KindStats other) {
        other.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
        other.failures.forEach((failure, count) -> failures.merge(failure, count, Long::sum));
        success.add(other.success);
        shed.add(other.shed);
        shedWithRetryAfter += other.shedWithRetryAfter;
    }

    public long count() {
        return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    public long successes() {
        return success.getTotalCount();
    }

    public long shed() {
        return statuses.getOrDefault(503, 0L);
    }

    public long shedWithRetryAfter() {
        return shedWithRetryAfter;
    }

    /** Everything that is neither 2xx nor 503, including requests that got no answer. */
    public long errors() {
        return count() - successes() - shed();
    }

    /** Answers with this status (0: no answer). */
    public long status(int status) {
        return statuses.getOrDefault(status, 0L);
    }

    public Map<Integer, Long> statuses() {
        return Collections.unmodifiableMap(statuses);
    }

    /** Why requests got no answer: exception class names and how often. */
    public Map<String, Long> failures() {
        return Collections.unmodifiableMap(failures);
    }

    /** Counts by status class: {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx}, {@code no answer}. */
    public Map<String, Long> statusClasses() {
        Map<String, Long> classes = new TreeMap<>();
        statuses.forEach((status, count) -> classes.merge(statusClass(status), count, Long::sum));
        return classes;
    }

    /** 5xx answers other than 503, and requests without an answer. */
    public long serverErrorsOtherThan503() {
        long total = 0;
        for (Map.Entry<Integer, Long> entry : statuses.entrySet()) {
            int status = entry.getKey();
            if (status == Exchange.NO_ANSWER || (status >= 500 && status != 503)) {
                total += entry.getValue();
            }
        }
        return total;
    }

    /** A percentile (0..100) of the successful requests' latencies in milliseconds; NaN when there were none. */
    public double successMillis(double percentile) {
        return millis(success, percentile);
    }

    public double shedMillis(double percentile) {
        return millis(shed, percentile);
    }

    public double successMeanMillis() {
        return success.getTotalCount() == 0 ? Double.NaN : success.getMean() / 1000.0;
    }

    static String statusClass(int status) {
        if (status == Exchange.NO_ANSWER) {
            return "no answer";
        }
        return (status / 100) + "xx";
    }

    private static double millis(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
