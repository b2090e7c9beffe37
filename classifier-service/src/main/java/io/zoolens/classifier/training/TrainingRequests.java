package io.zoolens.classifier.training;

import io.zoolens.training.evaluation.Evaluation;
import java.util.List;
import java.util.Map;

/** Body and answer of {@code POST /v1/trainings}. */
final class TrainingRequests {

    private TrainingRequests() {}

    /** @param jobId the caller's job: a second request with it answers the version the first one made */
    record TrainRequest(
            String jobId,
            String owner,
            String model,
            String description,
            String backbone,
            String backboneVersion,
            List<ClassBody> classes) {}

    record ClassBody(String label, List<PictureBody> pictures) {}

    record PictureBody(String id, String sha256) {}

    /** The version written and loaded, with its cross-validated metrics and reject rule. */
    record TrainResponse(
            String model,
            String version,
            BackboneRef backbone,
            Metrics metrics,
            Reject reject,
            Map<String, Integer> counts,
            int pictures,
            long trainingMillis) {}

    /** As in the version's zoolens-model.json: {@code confusion[actual][predicted]} in {@code confusionLabels} order. */
    record Metrics(
            double accuracy,
            String method,
            int folds,
            List<Evaluation.ClassMetrics> perClass,
            List<String> confusionLabels,
            int[][] confusion,
            List<Evaluation.Misclassified> misclassified) {}

    record Reject(double minSimilarity, double minProbability, double quantile) {}
}
