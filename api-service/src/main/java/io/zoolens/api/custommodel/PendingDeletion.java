package io.zoolens.api.custommodel;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Something the classifier must still delete because it was away when the model, version or account went: a custom
 * model folder (all versions), one version, or an owner's cached features. In MongoDB, so any api replica retries it.
 *
 * @param id {@code kind:target} (a version's with {@code :jobId}), so recording the same deletion twice keeps one
 * @param target the folder, {@code folder/version}, or the owner id
 * @param jobId for a version: the training job that wrote it, so a retry cannot delete a newer version of that
 *     number
 * @param nextAttemptAt when a replica may try next; a claim moves it out by the lease first
 */
@Document("pendingModelDeletions")
public record PendingDeletion(
        @Id String id,
        Kind kind,
        String target,
        String jobId,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        String lastError) {

    /** What to delete on the classifier. */
    public enum Kind {
        /** {@code DELETE /v1/models/{target}}: a custom model folder. */
        MODEL_FOLDER,
        /** {@code DELETE /v1/models/{folder}/versions/{version}?jobId=}: one version, if that job wrote it. */
        VERSION,
        /** {@code DELETE /v1/features/{target}}: an owner's cached feature vectors. */
        FEATURES
    }

    static String id(Kind kind, String target, String jobId) {
        return kind + ":" + target + (jobId == null ? "" : ":" + jobId);
    }
}
