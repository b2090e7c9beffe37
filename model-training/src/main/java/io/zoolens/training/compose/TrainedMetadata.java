package io.zoolens.training.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.zoolens.model.ModelMetadata;
import io.zoolens.training.evaluation.Evaluation;
import java.util.List;
import java.util.Map;

/**
 * {@code zoolens-model.json} of a trained version: the fields every model has (read by the classifier as
 * {@link ModelMetadata}, which ignores the rest) plus what training records (shared/conventions.md: backbone,
 * training, metrics; here also the reject rule the classifier applies).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TrainedMetadata(
        String name,
        String version,
        ModelMetadata.Task task,
        String description,
        String owner,
        ModelMetadata.Input input,
        Map<String, String> outputs,
        String labels,
        ModelMetadata.Postprocess postprocess,
        ModelMetadata.Source source,
        BackboneRef backbone,
        Training training,
        Metrics metrics,
        Reject reject) {

    /** @param features the backbone's signature output the head reads */
    record BackboneRef(String name, String version, String features, int dimension) {}

    /**
     * @param counts training pictures per label
     * @param jobId the job that asked for this version (absent when none did): a repeated request answers it
     * @param trainingMillis how long the training took, as first answered
     */
    record Training(
            Map<String, Integer> counts,
            int pictures,
            String createdAt,
            String head,
            String jobId,
            Long trainingMillis) {}

    record Metrics(
            String method,
            int folds,
            double accuracy,
            List<Evaluation.ClassMetrics> perClass,
            List<String> confusionLabels,
            int[][] confusion,
            List<Evaluation.Misclassified> misclassified) {}

    /**
     * A picture is {@code unknown} when its best centroid similarity (output {@code similarity}) is below
     * {@code minSimilarity} or its best probability below {@code minProbability}.
     */
    record Reject(double minSimilarity, double minProbability, double quantile) {}
}
