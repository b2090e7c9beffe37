package io.zoolens.classifier.runtime;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How inferences are scheduled: dynamic batching, the bounded queue in front of the predictors and
 * TensorFlow's thread pools. Every value can be overridden per model under {@code models.<name>}.
 *
 * @param maxBatch most images one inference takes (models whose graph has a fixed batch of one always take one)
 * @param maxWait how long a batch waits for more images once started, only while other batches are running
 * @param queueCapacity requests waiting for a predictor; beyond it requests are refused with 503 at once
 * @param intraOpThreads threads TensorFlow uses inside one op; 0 = one per core
 * @param interOpThreads threads TensorFlow uses to run independent ops; 0 = TensorFlow's default
 * @param models per-model overrides by model name
 */
@ConfigurationProperties("zoolens.inference")
public record InferenceProperties(
        @DefaultValue("4") int maxBatch,
        @DefaultValue("5ms") Duration maxWait,
        @DefaultValue("16") int queueCapacity,
        @DefaultValue("0") int intraOpThreads,
        @DefaultValue("0") int interOpThreads,
        Map<String, Overrides> models) {

    /** Per-model values; a missing value falls back to the service-wide one. */
    public record Overrides(
            Integer maxBatch,
            Duration maxWait,
            Integer queueCapacity,
            Integer predictors,
            Integer intraOpThreads,
            Integer interOpThreads) {}

    /** The settings in force for one model. */
    public record Settings(
            int predictors,
            int maxBatch,
            Duration maxWait,
            int queueCapacity,
            int intraOpThreads,
            int interOpThreads) {}

    public Settings forModel(String name, int defaultPredictors) {
        Overrides o = models == null ? null : models.get(name);
        if (o == null) {
            o = new Overrides(null, null, null, null, null, null);
        }
        return new Settings(
                positive(o.predictors() != null ? o.predictors() : defaultPredictors, "predictors"),
                positive(o.maxBatch() != null ? o.maxBatch() : maxBatch, "max-batch"),
                o.maxWait() != null ? o.maxWait() : maxWait,
                positive(o.queueCapacity() != null ? o.queueCapacity() : queueCapacity, "queue-capacity"),
                o.intraOpThreads() != null ? o.intraOpThreads() : intraOpThreads,
                o.interOpThreads() != null ? o.interOpThreads() : interOpThreads);
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("zoolens.inference " + name + " must be at least 1, not " + value);
        }
        return value;
    }
}
