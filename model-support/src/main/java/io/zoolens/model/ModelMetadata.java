package io.zoolens.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The contents of {@code zoolens-model.json}: everything the service needs to feed a SavedModel and
 * read its answer, so preprocessing is driven by data rather than by code per model.
 * The format is documented in {@code docs/models.md}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(
        String name,
        String version,
        Task task,
        String description,
        Input input,
        Outputs outputs,
        String labels,
        Postprocess postprocess,
        Source source,
        Reject reject) {

    /** Without a reject rule: every model that is not a trained custom model. */
    public ModelMetadata(
            String name,
            String version,
            Task task,
            String description,
            Input input,
            Outputs outputs,
            String labels,
            Postprocess postprocess,
            Source source) {
        this(name, version, task, description, input, outputs, labels, postprocess, source, null);
    }

    public enum Task {
        @JsonProperty("classification")
        CLASSIFICATION("scores"),
        @JsonProperty("detection")
        DETECTION("detections"),
        @JsonProperty("embedding")
        EMBEDDING("embedding");

        private final String outputField;

        Task(String outputField) {
            this.outputField = outputField;
        }

        /** The field of {@link Outputs} this task reads. */
        public String outputField() {
            return outputField;
        }

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Layout {
        @JsonProperty("nhwc")
        NHWC,
        @JsonProperty("nchw")
        NCHW
    }

    /** How an image of any shape becomes the model's fixed input size. */
    public enum Resize {
        /** Scale to the input size, ignoring the aspect ratio. */
        @JsonProperty("stretch")
        STRETCH,
        /** Scale to fit, keeping the aspect ratio, centred, and pad the rest with black. */
        @JsonProperty("letterbox")
        LETTERBOX,
        /** Scale to cover, keeping the aspect ratio, and cut the centre out. */
        @JsonProperty("center-crop")
        CENTER_CROP
    }

    public enum Activation {
        @JsonProperty("none")
        NONE,
        @JsonProperty("softmax")
        SOFTMAX,
        @JsonProperty("sigmoid")
        SIGMOID
    }

    /** Layout of one detection row. */
    public enum DetectionFormat {
        /** {@code [x1, y1, x2, y2, score, class]} per row, rows sorted or not. */
        @JsonProperty("x1y1x2y2-score-class")
        X1Y1X2Y2_SCORE_CLASS
    }

    public enum BoxUnits {
        @JsonProperty("input-pixels")
        INPUT_PIXELS,
        @JsonProperty("normalized")
        NORMALIZED
    }

    /**
     * The input tensor: its signature key, size and layout, and how 0..255 RGB pixel values map to
     * tensor values: {@code ((v / 255) * (max - min) + min - mean[c]) / std[c]}.
     */
    public record Input(
            String tensor,
            int width,
            int height,
            Layout layout,
            Resize resize,
            List<Float> valueRange,
            List<Float> mean,
            List<Float> std) {}

    /**
     * Signature output keys; which ones are needed depends on the task.
     *
     * @param similarity a trained classification model's best cosine similarity to its class centroids, one
     *     value per image, read by the reject rule
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outputs(String scores, String detections, String embedding, String similarity) {

        public Outputs(String scores, String detections, String embedding) {
            this(scores, detections, embedding, null);
        }

        /** The signature output key that holds this task's answer, or null when not given. */
        public String keyFor(Task task) {
            return switch (task) {
                case CLASSIFICATION -> scores;
                case DETECTION -> detections;
                case EMBEDDING -> embedding;
            };
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * @param nmsIouThreshold detection only: of two boxes with the same label overlapping by more than
     *     this intersection-over-union, only the better one is kept (non-maximum suppression); leave it
     *     out for models whose graph already does this
     */
    public record Postprocess(
            Activation activation,
            Integer labelOffset,
            DetectionFormat detectionFormat,
            BoxUnits boxUnits,
            Integer defaultTopK,
            Float defaultMinScore,
            Float nmsIouThreshold) {}

    /** Where the weights come from and under which licence, shown in the API and docs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String origin, String url, String licence, String importedWith) {}

    /**
     * "None of my classes" (classification only, written by model-training): an image is {@code unknown} when
     * its best centroid similarity (output {@code similarity}) is below {@code minSimilarity} or its best
     * probability is below {@code minProbability}; either may be left out.
     *
     * @param quantile the share of training pictures each threshold refuses, for information
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reject(Double minSimilarity, Double minProbability, Double quantile) {}
}
