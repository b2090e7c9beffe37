package io.zoolens.api.training;

import io.zoolens.api.training.TrainingJob.JobError;
import java.time.Instant;

/**
 * A training as the API shows it (poll and {@code progress} events alike).
 *
 * @param stage QUEUED, FEATURES (pictures sent to the classifier: {@code done} of {@code total}), TRAINING, DONE
 * @param etaSeconds estimated seconds until the features are done, while FEATURES
 * @param version the version it made (SUCCEEDED), which is now the model's active version
 * @param error why it FAILED: {@code type} (album-deleted, training-refused, classifier-unavailable, ...) and a
 *     sentence
 */
record TrainingResponse(
        String id,
        String modelId,
        String state,
        String stage,
        int done,
        int total,
        Long etaSeconds,
        String version,
        JobError error,
        boolean cancelRequested,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    static TrainingResponse of(TrainingJob job) {
        return new TrainingResponse(
                job.id(),
                job.modelId(),
                job.state().name(),
                job.stage().name(),
                job.done(),
                job.total(),
                job.etaSeconds(),
                job.version(),
                job.error(),
                job.cancelRequested(),
                job.createdAt(),
                job.startedAt(),
                job.finishedAt());
    }
}
