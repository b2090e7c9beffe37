package io.zoolens.api.classifier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The classifier's JSON, as described in {@code docs/classifier-api.md}. Unknown fields are ignored. The classify
 * answer stays in this package: {@link ClassifierClient} maps it to {@link Classified}.
 */
public final class ClassifierApi {

    private ClassifierApi() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClassifyAnswer(
            ModelRef model,
            ImageRef image,
            List<Label> labels,
            List<DetectedObject> objects,
            Timings timings,
            Boolean unknown,
            Reject reject) {}

    /** Only from models with a reject rule; {@code similarity} and the thresholds may be absent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reject(
            List<String> reasons, Double similarity, Double minSimilarity, Double probability, Double minProbability) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelRef(String name, String version, String task) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ImageRef(String contentType, int width, int height) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Label(String label, double score) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DetectedObject(String label, double score, Box box) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Box(double x, double y, double width, double height) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Timings(Double decodeMs, Double preprocessMs, Double inferenceMs, Double totalMs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelList(String defaultModel, List<ModelDescription> models) {}

    /** One model; {@code labels} only in the answer for a single model. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelDescription(
            String name,
            String task,
            String description,
            String activeVersion,
            List<String> versions,
            Integer labelCount,
            Map<String, Object> source,
            List<String> labels) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Problem(String type, String title, Integer status, String detail) {}
}
