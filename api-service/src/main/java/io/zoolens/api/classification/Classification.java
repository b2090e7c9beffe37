package io.zoolens.api.classification;

import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.Detection;
import io.zoolens.api.classifier.LabelScore;
import io.zoolens.api.classifier.ModelUsed;
import io.zoolens.api.classifier.Rejection;
import io.zoolens.api.classifier.Timings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

/**
 * One uploaded image and what the classifier made of it. Written once at upload; later changes are targeted
 * updates ({@link ClassificationUpdates}), so concurrent writers (the worker, the owner's feedback) never
 * overwrite each other's fields. The parts are {@link Unwrapped}: the stored document stays flat, with the field
 * names it always had ({@code createdAt}, {@code topLabel}, {@code attempts}, ...), so updates, aggregations and
 * indexes name them directly and older documents read as before.
 *
 * @param labelKeys what the label search matches ({@link LabelKeys}): the labels shown at upload and the feedback
 *     label; missing only in documents from before it
 * @param albumId the owner's album the item is filed in, {@code null} when none
 * @param trainingExample set when feedback on a custom model's answer filed the item into a class's album: it
 *     teaches that model's next version; {@code null} otherwise
 */
@Document("classifications")
public record Classification(
        @Id String id,
        String ownerId,
        Status status,
        @Unwrapped.Empty Upload upload,
        @Unwrapped.Empty Outcome outcome,
        List<String> labelKeys,
        String albumId,
        Feedback feedback,
        @Unwrapped.Empty WorkerState worker,
        TrainingExample trainingExample) {

    /** A fresh upload, not classified yet: one attempt is about to be made. */
    static Classification uploaded(
            String ownerId,
            Instant now,
            String filename,
            String model,
            Thresholds thresholds,
            String albumId,
            String requestId) {
        Upload upload = new Upload(
                now,
                now.atZone(ZoneOffset.UTC).toLocalDate().toString(),
                filename,
                null,
                model,
                thresholds,
                requestId,
                null);
        return new Classification(
                null,
                ownerId,
                Status.PENDING,
                upload,
                Outcome.NONE,
                List.of(),
                albumId,
                null,
                new WorkerState(1, now, Instant.EPOCH, null),
                null);
    }

    /** Asking for one version of the requested model (a custom model's), not its active one. */
    Classification forVersion(String version) {
        return new Classification(
                id,
                ownerId,
                status,
                upload.forVersion(version),
                outcome,
                labelKeys,
                albumId,
                feedback,
                worker,
                trainingExample);
    }

    Classification withImage(StoredImage stored) {
        return new Classification(
                id,
                ownerId,
                status,
                upload.withImage(stored),
                outcome,
                labelKeys,
                albumId,
                feedback,
                worker,
                trainingExample);
    }

    /** Still PENDING; the worker may try again from {@code next}. */
    Classification retryAt(Instant next) {
        return new Classification(
                id,
                ownerId,
                Status.PENDING,
                upload,
                Outcome.NONE,
                List.of(),
                albumId,
                feedback,
                new WorkerState(worker.attempts(), next, Instant.EPOCH, null),
                trainingExample);
    }

    /**
     * DONE with the classifier's answer: every label score and the objects ({@link Result}), and what the upload's
     * own thresholds make of them (top label, search keys).
     */
    Classification withResult(Classified answer, Instant now) {
        Result result = Result.of(answer);
        Reading own = result.read(ownThresholds());
        LabelScore top = own.top();
        Outcome done = new Outcome(
                now,
                answer.model(),
                top == null ? null : top.label(),
                top == null ? null : top.score(),
                result.labels(),
                result.objects(),
                answer.timings(),
                null,
                result.unknown() ? Boolean.TRUE : null,
                result.reject());
        // An unknown answer's labels are guesses: the search does not find the item by them.
        List<String> keys =
                LabelKeys.of(own.recognised() ? own.labels() : List.of(), feedback == null ? null : feedback.label());
        return new Classification(
                id,
                ownerId,
                Status.DONE,
                upload,
                done,
                keys,
                albumId,
                feedback,
                new WorkerState(worker.attempts(), null, null, null),
                trainingExample);
    }

    /** The thresholds the upload asked for ({@link Thresholds#DEFAULT} for documents from before). */
    Thresholds ownThresholds() {
        return upload.thresholds() == null ? Thresholds.DEFAULT : upload.thresholds();
    }

    /** The stored answer read with {@code shown}; empty while PENDING or FAILED. */
    Reading reading(Thresholds shown) {
        Result result = status == Status.DONE ? outcome.result() : new Result(List.of(), List.of());
        return result.read(shown);
    }

    /** The image files, {@code null} only in the moment between the upload's checks and its insert. */
    StoredImage image() {
        return upload.image();
    }

    public enum Status {
        PENDING,
        DONE,
        FAILED
    }

    /**
     * What the upload brought and asked for.
     *
     * @param createdDay the UTC day of {@code createdAt} ({@code 2026-11-25}), stored so the per-day statistics
     *     need no date operators
     * @param requestedModel the model the client asked for, {@code null} for the classifier's default
     * @param thresholds what the upload asked to be shown ({@code null} in documents from before they could be
     *     asked for: {@link Thresholds#DEFAULT}); {@code topLabel}/{@code topScore} and {@code labelKeys} follow them
     * @param requestId the upload's request id, passed on again when the worker classifies it later
     * @param requestedVersion the version of {@code requestedModel} asked for ({@code null}: its active version)
     */
    public record Upload(
            Instant createdAt,
            String createdDay,
            String originalFilename,
            StoredImage image,
            String requestedModel,
            Thresholds thresholds,
            String requestId,
            String requestedVersion) {

        Upload withImage(StoredImage stored) {
            return new Upload(
                    createdAt,
                    createdDay,
                    originalFilename,
                    stored,
                    requestedModel,
                    thresholds,
                    requestId,
                    requestedVersion);
        }

        Upload forVersion(String version) {
            return new Upload(
                    createdAt, createdDay, originalFilename, image, requestedModel, thresholds, requestId, version);
        }
    }

    /**
     * What the classifier made of the image: its answer when DONE, its refusal when FAILED; empty while PENDING.
     *
     * @param topLabel the best label at the upload's thresholds, {@code null} when nothing reached them (or not DONE)
     * @param labels every label score of the answer ({@link Result}); older documents hold only the top five
     * @param unknown {@code true} when the model's reject rule called the photo none of its classes, else absent
     * @param reject that rule's reasons and measurements; absent for models without one (the default model)
     */
    public record Outcome(
            Instant classifiedAt,
            ModelUsed model,
            String topLabel,
            Double topScore,
            List<LabelScore> labels,
            List<Detection> objects,
            Timings timings,
            Failure error,
            Boolean unknown,
            Rejection reject) {

        /** Not classified (yet): empty lists, as PENDING documents have always been stored. */
        static final Outcome NONE = new Outcome(null, null, null, null, List.of(), List.of(), null, null, null, null);

        Result result() {
            return new Result(labels, objects, Boolean.TRUE.equals(unknown), reject);
        }
    }

    /**
     * The worker's bookkeeping.
     *
     * @param attempts classifier calls made so far
     * @param nextAttemptAt when the worker may try a PENDING item again
     * @param leaseUntil until when a worker holds the item; another replica leaves it alone until then
     * @param leaseToken which claim holds the lease, so a late worker cannot overwrite a newer claim's result
     */
    public record WorkerState(int attempts, Instant nextAttemptAt, Instant leaseUntil, String leaseToken) {}

    /** The original's GridFS file and the thumbnail's, shared by every upload of the same bytes. */
    public record StoredImage(
            String sha256,
            String contentType,
            int width,
            int height,
            long bytes,
            ObjectId originalFileId,
            ObjectId thumbnailFileId) {}

    public record Feedback(boolean correct, String label, Instant givenAt) {}

    /**
     * The item as a feedback example of a custom model: filed into the album of class {@code label}.
     *
     * @param previousAlbumId where the item was filed before, so taking the example back restores it
     */
    public record TrainingExample(
            String modelId, String label, String albumId, Instant addedAt, String previousAlbumId) {}

    /** Why the classifier refused the image for good: its problem type slug and detail. */
    public record Failure(String type, String detail) {}
}
