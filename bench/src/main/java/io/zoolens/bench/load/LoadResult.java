package io.zoolens.bench.load;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one closed-loop run measured: per kind of request, and over all kinds.
 *
 * @param name the plan's name
 * @param concurrency how many clients ran
 * @param window the counted time (after the warm-up; in request-count mode the whole run)
 * @param kinds statistics per kind of request, counted in the window
 * @param firstMillis latency of the first request the run sent (warm-up included), NaN when none
 */
public record LoadResult(
        String name, int concurrency, Duration window, Map<String, KindStats> kinds, double firstMillis) {

    public LoadResult {
        kinds = Collections.unmodifiableMap(new TreeMap<>(kinds));
    }

    /** All kinds together. */
    public KindStats total() {
        KindStats total = new KindStats();
        kinds.values().forEach(total::add);
        return total;
    }

    public KindStats kind(String kind) {
        return kinds.getOrDefault(kind, new KindStats());
    }

    /** Successful (2xx) requests per second in the window. */
    public double successPerSecond() {
        return perSecond(total().successes());
    }

    public double successPerSecond(String kind) {
        return perSecond(kind(kind).successes());
    }

    public double requestsPerSecond() {
        return perSecond(total().count());
    }

    private double perSecond(long count) {
        double seconds = window.toNanos() / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }
}
