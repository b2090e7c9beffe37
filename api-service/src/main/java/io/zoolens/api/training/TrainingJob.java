package io.zoolens.api.training;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One training of a custom model, kept in MongoDB so any api replica can run, follow or cancel it. Changed only by
 * targeted conditional updates ({@link TrainingJobs}).
 *
 * @param done pictures whose features were computed so far (of {@code total} missing from the classifier's cache)
 * @param etaSeconds estimated seconds until the features are done, {@code null} before the first batch
 * @param version the version it trained (SUCCEEDED)
 * @param cancelRequested the owner asked to stop; the runner stops between batches
 * @param leaseUntil until when the replica running it holds it; after that another takes it over
 * @param leaseToken which claim holds the lease, so a replica that lost it cannot write any more
 */
@Document("trainingJobs")
record TrainingJob(
        @Id String id,
        String ownerId,
        String modelId,
        State state,
        Stage stage,
        int done,
        int total,
        Long etaSeconds,
        String version,
        JobError error,
        boolean cancelRequested,
        int claims,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant leaseUntil,
        String leaseToken) {

    static TrainingJob queued(String id, String ownerId, String modelId, int total, Instant now) {
        return new TrainingJob(
                id,
                ownerId,
                modelId,
                State.QUEUED,
                Stage.QUEUED,
                0,
                total,
                null,
                null,
                null,
                false,
                0,
                now,
                null,
                null,
                null,
                null);
    }

    enum State {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED;

        boolean terminal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    enum Stage {
        QUEUED,
        FEATURES,
        TRAINING,
        DONE
    }

    /** Why a job FAILED: a stable type ({@code album-deleted}, {@code training-refused}, ...) and a sentence. */
    record JobError(String type, String detail) {}
}
