package io.zoolens.bench.jmh;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One measured configuration of an in-process inference benchmark, all its JMH modes merged: throughput from the
 * {@code thrpt} row when there is one (else derived from the time per call), latencies per call from the sample row.
 *
 * @param method benchmark method name
 * @param threads JMH threads
 * @param params JMH parameters (batch and any others)
 * @param batch images per call
 * @param imagesPerSecond images per second over all threads
 * @param p50 ms per call
 * @param p95 ms per call
 * @param p99 ms per call
 */
public record InferenceConfig(
        String method,
        int threads,
        Map<String, String> params,
        int batch,
        double imagesPerSecond,
        double p50,
        double p95,
        double p99) {

    /** The method name and the values of the given parameters, e.g. {@code infer (intraOpThreads=2)}. */
    public String label(Set<String> shown) {
        String others = params.entrySet().stream()
                .filter(e -> shown.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(Collectors.joining(", "));
        return method + (others.isEmpty() ? "" : " (" + others + ")");
    }

    /** A single caller: one JMH thread, and a {@code threads} parameter (if any) of 1. */
    public boolean singleCaller() {
        return threads == 1 && "1".equals(params.getOrDefault("threads", "1"));
    }
}
