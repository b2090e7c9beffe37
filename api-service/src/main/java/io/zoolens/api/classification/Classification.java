package io.zoolens.api.classification;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One uploaded image and what the classifier made of it. Written once at upload; later changes are targeted
 * updates ({@link ClassificationUpdates}), so concurrent writers (the worker, the owner's feedback) never
 * overwrite each other's fields.
 *
 * @param createdDay the UTC day of {@code createdAt} ({@code 2026-11-25}), stored so the per-day statistics
 *     need no date operators
 * @param requestedModel the model the client asked for, {@code null} for the classifier's default
 * @param thresholds what the upload asked to be shown ({@code null} in documents from before they could be asked
 *     for: {@link Thresholds#DEFAULT}); {@code topLabel}/{@code topScore} and {@code labelKeys} follow them
 * @param topLabel the best label at the upload's thresholds, {@code null} when nothing reached them (or not DONE)
 * @param labels every label score of the answer ({@link Result}); older documents hold only the top five
 * @param labelKeys what the label search matches ({@link LabelKeys}); missing only in documents from before it
 * @param attempts classifier calls made so far
 * @param nextAttemptAt when the worker may try a PENDING item again
 * @param leaseUntil until when a worker holds the item; another replica leaves it alone until then
 * @param leaseToken which claim holds the lease, so a late worker cannot overwrite a newer claim's result
 * @param requestId the upload's request id, passed on again when the worker classifies it later
 */
@Document("classifications")
public record Classification(
        @Id String id,
        String ownerId,
        Status status,
        Instant createdAt,
        String createdDay,
        Instant classifiedAt,
        String originalFilename,
        StoredImage image,
        String requestedModel,
        Thresholds thresholds,
        ModelUsed model,
        String topLabel,
        Double topScore,
        List<LabelScore> labels,
        List<Detection> objects,
        List<String> labelKeys,
        Timings timings,
        String albumId,
        Feedback feedback,
        Failure error,
        int attempts,
        Instant nextAttemptAt,
        Instant leaseUntil,
        String leaseToken,
        String requestId) {

    /** A fresh upload, not classified yet: one attempt is about to be made. */
    static Classification uploaded(
            String ownerId,
            Instant now,
            String filename,
            String model,
            Thresholds thresholds,
            String albumId,
            String requestId) {
        return new Classification(
                null,
                ownerId,
                Status.PENDING,
                now,
                now.atZone(ZoneOffset.UTC).toLocalDate().toString(),
                null,
                filename,
                null,
                model,
                thresholds,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                albumId,
                null,
                null,
                1,
                now,
                Instant.EPOCH,
                null,
                requestId);
    }

    Classification withImage(StoredImage stored) {
        return new Classification(
                id,
                ownerId,
                status,
                createdAt,
                createdDay,
                classifiedAt,
                originalFilename,
                stored,
                requestedModel,
                thresholds,
                model,
                topLabel,
                topScore,
                labels,
                objects,
                labelKeys,
                timings,
                albumId,
                feedback,
                error,
                attempts,
                nextAttemptAt,
                leaseUntil,
                leaseToken,
                requestId);
    }

    /** Still PENDING; the worker may try again from {@code next}. */
    Classification retryAt(Instant next) {
        return new Classification(
                id,
                ownerId,
                Status.PENDING,
                createdAt,
                createdDay,
                null,
                originalFilename,
                image,
                requestedModel,
                thresholds,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                albumId,
                feedback,
                null,
                attempts,
                next,
                Instant.EPOCH,
                null,
                requestId);
    }

    /** The thresholds the upload asked for ({@link Thresholds#DEFAULT} for documents from before). */
    Thresholds ownThresholds() {
        return thresholds == null ? Thresholds.DEFAULT : thresholds;
    }

    /** The stored answer read with {@code shown}; empty while PENDING or FAILED. */
    Reading reading(Thresholds shown) {
        Result result = status == Status.DONE ? new Result(labels, objects) : new Result(List.of(), List.of());
        return result.read(shown);
    }

    public enum Status {
        PENDING,
        DONE,
        FAILED
    }

    /** The original's GridFS file and the thumbnail's, shared by every upload of the same bytes. */
    public record StoredImage(
            String sha256,
            String contentType,
            int width,
            int height,
            long bytes,
            ObjectId originalFileId,
            ObjectId thumbnailFileId) {}

    public record ModelUsed(String name, String version, String task) {}

    /** Milliseconds: the classifier's own stages and the round trip as the api-service saw it. */
    public record Timings(Double decodeMs, Double preprocessMs, Double inferenceMs, Double classifierMs) {}

    public record Feedback(boolean correct, String label, Instant givenAt) {}

    /** Why the classifier refused the image for good: its problem type slug and detail. */
    public record Failure(String type, String detail) {}
}
