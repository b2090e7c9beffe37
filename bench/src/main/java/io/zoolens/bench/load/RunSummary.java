package io.zoolens.bench.load;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Several runs of one configuration reduced to the figures a report shows: medians of throughput and latency
 * percentiles over the runs, the spread of throughput, and counts summed over all runs.
 *
 * @param label what the runs were (e.g. {@code c16})
 * @param concurrency clients per run
 * @param runs how many runs
 * @param throughput median successful requests per second
 * @param throughputMin slowest run
 * @param throughputMax fastest run
 * @param p50 median over runs of each run's p50 of successful requests, ms
 * @param p95 likewise, ms
 * @param p99 likewise, ms
 * @param requests all counted requests, summed over runs
 * @param successes 2xx answers, summed
 * @param errors neither 2xx nor 503 (no answer included), summed
 * @param shed 503 answers, summed
 * @param shedWithRetryAfter 503 answers that carried Retry-After, summed
 * @param firstMillis median over runs of the first request's latency
 */
public record RunSummary(
        String label,
        int concurrency,
        int runs,
        double throughput,
        double throughputMin,
        double throughputMax,
        double p50,
        double p95,
        double p99,
        long requests,
        long successes,
        long errors,
        long shed,
        long shedWithRetryAfter,
        double firstMillis) {

    /** Summarises runs of all request kinds together. */
    public static RunSummary of(String label, List<LoadResult> runs) {
        return of(label, runs, null);
    }

    /** Summarises one kind of request ({@code null}: all kinds). */
    public static RunSummary of(String label, List<LoadResult> runs, String kind) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs for " + label);
        }
        ToDoubleFunction<LoadResult> throughput =
                kind == null ? LoadResult::successPerSecond : r -> r.successPerSecond(kind);
        List<KindStats> stats =
                runs.stream().map(r -> kind == null ? r.total() : r.kind(kind)).toList();
        List<Double> rates = runs.stream().map(r -> throughput.applyAsDouble(r)).toList();
        return new RunSummary(
                label,
                runs.get(0).concurrency(),
                runs.size(),
                Stats.median(rates),
                Stats.min(rates),
                Stats.max(rates),
                Stats.median(stats.stream().map(s -> s.successMillis(50)).toList()),
                Stats.median(stats.stream().map(s -> s.successMillis(95)).toList()),
                Stats.median(stats.stream().map(s -> s.successMillis(99)).toList()),
                stats.stream().mapToLong(KindStats::count).sum(),
                stats.stream().mapToLong(KindStats::successes).sum(),
                stats.stream().mapToLong(KindStats::errors).sum(),
                stats.stream().mapToLong(KindStats::shed).sum(),
                stats.stream().mapToLong(KindStats::shedWithRetryAfter).sum(),
                Stats.median(runs.stream().map(LoadResult::firstMillis).toList()));
    }
}
