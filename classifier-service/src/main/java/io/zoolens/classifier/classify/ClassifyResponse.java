package io.zoolens.classifier.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.zoolens.classifier.runtime.Prediction;
import java.util.List;

/**
 * The answer to one classify request; which of labels, objects and embedding are set depends on the task.
 * {@code unknown} and {@code reject} only for a model with a reject rule: {@code unknown} true when the image is
 * none of its classes, the labels then being hints.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassifyResponse(
        ModelRef model,
        ImageRef image,
        Boolean unknown,
        List<Prediction.LabelScore> labels,
        List<Prediction.DetectedObject> objects,
        float[] embedding,
        Reject reject,
        Timings timings) {

    /** Why: the tests that refused the image, and the measured values beside the model's thresholds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reject(
            List<String> reasons, Float similarity, Double minSimilarity, float probability, Double minProbability) {

        static Reject of(Prediction.Verdict verdict) {
            return new Reject(
                    verdict.reasons(),
                    verdict.similarity(),
                    verdict.minSimilarity(),
                    verdict.probability(),
                    verdict.minProbability());
        }
    }

    public record ModelRef(String name, String version, String task) {}

    public record ImageRef(String contentType, int width, int height) {}

    /** Milliseconds spent in each stage, rounded to 0.1 ms. */
    public record Timings(double decodeMs, double preprocessMs, double inferenceMs, double totalMs) {

        static Timings ofNanos(long decode, long preprocess, long inference, long total) {
            return new Timings(millis(decode), millis(preprocess), millis(inference), millis(total));
        }

        private static double millis(long nanos) {
            return Math.round(nanos / 100_000.0) / 10.0;
        }
    }
}
