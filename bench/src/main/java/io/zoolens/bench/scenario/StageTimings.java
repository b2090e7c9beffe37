package io.zoolens.bench.scenario;

import io.zoolens.bench.load.Stats;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Where the classifier says its time went ({@code timings} of each answer: decode, preprocess, inference, total),
 * collected over the successful answers of one concurrency level. Client threads add to it at once.
 */
public final class StageTimings {

    /**
     * Medians of the service's own stage timings, and of the time outside them (the client's latency of the same
     * answer minus the service's total: HTTP, JSON, and any wait before the service's clock starts), ms.
     */
    public record Medians(
            int answers, double decode, double preprocess, double inference, double total, double outside) {}

    private final List<Double> decode = new ArrayList<>();
    private final List<Double> preprocess = new ArrayList<>();
    private final List<Double> inference = new ArrayList<>();
    private final List<Double> total = new ArrayList<>();
    private final List<Double> outside = new ArrayList<>();

    /** Adds an answer's {@code timings} object and the client's latency; answers without timings are skipped. */
    public synchronized void add(JsonNode answer, double clientMillis) {
        JsonNode timings = answer.path("timings");
        if (timings.isMissingNode() || !timings.isObject()) {
            return;
        }
        decode.add(timings.path("decodeMs").asDouble(Double.NaN));
        preprocess.add(timings.path("preprocessMs").asDouble(Double.NaN));
        inference.add(timings.path("inferenceMs").asDouble(Double.NaN));
        double serviceTotal = timings.path("totalMs").asDouble(Double.NaN);
        total.add(serviceTotal);
        outside.add(clientMillis - serviceTotal);
    }

    public synchronized Medians medians() {
        return new Medians(
                total.size(),
                Stats.median(decode),
                Stats.median(preprocess),
                Stats.median(inference),
                Stats.median(total),
                Stats.median(outside));
    }
}
