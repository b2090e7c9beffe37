package io.zoolens.api.custommodel;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Something the classifier must still delete because it was away when the model or account went: a custom model
 * folder (all versions) or an owner's cached features. In MongoDB, so any api replica retries it.
 *
 * @param id {@code kind:target}, so recording the same deletion twice keeps one
 * @param nextAttemptAt when a replica may try next; a claim moves it out by the lease first
 */
@Document("pendingModelDeletions")
public record PendingDeletion(
        @Id String id,
        Kind kind,
        String target,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        String lastError) {

    /** What to delete on the classifier. */
    public enum Kind {
        /** {@code DELETE /v1/models/{target}}: a custom model folder. */
        MODEL_FOLDER,
        /** {@code DELETE /v1/features/{target}}: an owner's cached feature vectors. */
        FEATURES
    }

    static String id(Kind kind, String target) {
        return kind + ":" + target;
    }
}
