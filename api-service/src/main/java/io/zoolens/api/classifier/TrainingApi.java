package io.zoolens.api.classifier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The classifier's JSON for features and trainings ({@code docs/classifier-api.md}, the training contract). Kept in
 * the package: {@link ClassifierTraining} maps it to {@link TrainingOrder} and {@link TrainedVersion}.
 */
final class TrainingApi {

    private TrainingApi() {}

    record MissingRequest(String backbone, String backboneVersion, List<String> sha256) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MissingAnswer(BackboneRef backbone, List<String> missing) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BackboneRef(String name, String version) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FeaturesAnswer(BackboneRef backbone, List<FeaturePicture> pictures) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FeaturePicture(String sha256, Integer dimension) {}

    record TrainRequest(
            String jobId,
            String owner,
            String model,
            String description,
            String backbone,
            String backboneVersion,
            List<TrainClass> classes) {}

    record TrainClass(String label, List<TrainPicture> pictures) {}

    record TrainPicture(String id, String sha256) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TrainAnswer(
            String model,
            String version,
            BackboneRef backbone,
            Metrics metrics,
            Map<String, Integer> counts,
            Integer pictures,
            Long trainingMillis) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metrics(
            Double accuracy,
            String method,
            Integer folds,
            List<ClassMetrics> perClass,
            List<String> confusionLabels,
            List<List<Integer>> confusion,
            List<Misclassified> misclassified) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Misclassified(String id, String actual, String predicted) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClassMetrics(String label, Integer support, Double precision, Double recall, Double f1) {}
}
