package io.zoolens.api.custommodel;

import java.util.Optional;

/** What a model's answer shows of its QUEUED or RUNNING training; implemented by the training feature. */
public interface CurrentTraining {

    Optional<TrainingSummary> of(CustomModel model);

    /** A training in short; its full state: {@code GET /api/custom-models/{id}/trainings/{jobId}}. */
    record TrainingSummary(String id, String state, String stage, int done, int total, Long etaSeconds) {}
}
