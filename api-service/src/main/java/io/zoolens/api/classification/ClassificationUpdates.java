package io.zoolens.api.classification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.classification.Classification.Failure;
import io.zoolens.api.classification.Classification.Feedback;
import io.zoolens.api.classification.Classification.Outcome;
import io.zoolens.api.classification.Classification.Status;
import io.zoolens.api.classification.Classification.TrainingExample;
import io.zoolens.api.classifier.Classified;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Targeted, conditional writes to classifications: each touches only its own fields. Fields are named by their
 * path in the record ({@code outcome.model}); the mapping writes them flat, as stored ({@code model}), and knows
 * their types, so no type hints land in the document.
 */
@Component
class ClassificationUpdates {

    private final MongoTemplate mongo;

    ClassificationUpdates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Claims the most overdue PENDING item for {@code lease}: one atomic findAndModify, so two replicas never
     * work on the same item. Answers the item as claimed (attempts already counted).
     */
    Optional<Classification> claimDue(Instant now, java.time.Duration lease) {
        Query due = query(where("status")
                        .is(Status.PENDING)
                        .and("worker.nextAttemptAt")
                        .lte(now)
                        .and("worker.leaseUntil")
                        .lte(now))
                .with(Sort.by("worker.nextAttemptAt"));
        Update claim = new Update()
                .set("worker.leaseUntil", now.plus(lease))
                .set("worker.leaseToken", UUID.randomUUID().toString())
                .inc("worker.attempts", 1);
        return Optional.ofNullable(
                mongo.findAndModify(due, claim, FindAndModifyOptions.options().returnNew(true), Classification.class));
    }

    /** Stores the classifier's answer, if the claim still holds. */
    boolean complete(Classification claimed, Classified classified, Instant now) {
        Classification done = claimed.withResult(classified, now);
        Outcome outcome = done.outcome();
        Update update = new Update()
                .set("status", Status.DONE)
                .set("outcome.classifiedAt", now)
                .set("outcome.model", outcome.model())
                .set("outcome.topLabel", outcome.topLabel())
                .set("outcome.topScore", outcome.topScore())
                .set("outcome.labels", outcome.labels())
                .set("outcome.objects", outcome.objects())
                .set("labelKeys", done.labelKeys())
                .set("outcome.timings", outcome.timings())
                .unset("worker.nextAttemptAt")
                .unset("worker.leaseUntil")
                .unset("worker.leaseToken");
        // Absent, not null, for answers without them (the default model), as an upload's own insert stores them.
        if (outcome.unknown() != null) {
            update.set("outcome.unknown", outcome.unknown());
        }
        if (outcome.reject() != null) {
            update.set("outcome.reject", outcome.reject());
        }
        return mongo.updateFirst(heldBy(claimed), update, Classification.class).getModifiedCount() == 1;
    }

    /** Gives the item back for a later attempt. */
    void reschedule(Classification claimed, Instant nextAttemptAt) {
        Update update = new Update().set("worker.nextAttemptAt", nextAttemptAt).set("worker.leaseUntil", Instant.EPOCH);
        mongo.updateFirst(heldBy(claimed), update, Classification.class);
    }

    /** The classifier refused the image for good. */
    void fail(Classification claimed, Failure failure, Instant now) {
        Update update = new Update()
                .set("status", Status.FAILED)
                .set("outcome.classifiedAt", now)
                .set("outcome.error", failure)
                .unset("worker.nextAttemptAt")
                .unset("worker.leaseUntil")
                .unset("worker.leaseToken");
        mongo.updateFirst(heldBy(claimed), update, Classification.class);
    }

    private static Query heldBy(Classification claimed) {
        return query(where("_id")
                .is(claimed.id())
                .and("status")
                .is(Status.PENDING)
                .and("worker.leaseToken")
                .is(claimed.worker().leaseToken()));
    }

    /** The feedback and the search keys that include its label, in one write. */
    Optional<Classification> setFeedback(String id, String ownerId, Feedback feedback, List<String> labelKeys) {
        return modify(id, ownerId, new Update().set("feedback", feedback).set("labelKeys", labelKeys));
    }

    /**
     * The feedback, its search keys, the class album it files the item into and the example it makes of it, in one
     * write: a concurrent filing or feedback never sees half of it.
     */
    Optional<Classification> setFeedbackAndExample(
            String id, String ownerId, Feedback feedback, List<String> labelKeys, TrainingExample example) {
        return modify(
                id,
                ownerId,
                new Update()
                        .set("feedback", feedback)
                        .set("labelKeys", labelKeys)
                        .set("albumId", example.albumId())
                        .set("trainingExample", example));
    }

    /**
     * Forgets the item's example (with {@code also}, e.g. new feedback) and takes the item out of the class album
     * again, back where it was filed before; if the owner has filed it elsewhere since, it stays there. Empty when
     * the item is gone.
     *
     * @param also makes the rest of the write (a fresh {@link Update} each call: there may be two attempts)
     */
    Optional<Classification> forgetExample(String id, String ownerId, TrainingExample example, Supplier<Update> also) {
        Update restore = also.get().unset("trainingExample");
        if (example.previousAlbumId() == null) {
            restore.unset("albumId");
        } else {
            restore.set("albumId", example.previousAlbumId());
        }
        Classification restored = mongo.findAndModify(
                query(where("_id")
                        .is(id)
                        .and("ownerId")
                        .is(ownerId)
                        .and("albumId")
                        .is(example.albumId())
                        .and("trainingExample.modelId")
                        .is(example.modelId())),
                restore,
                FindAndModifyOptions.options().returnNew(true),
                Classification.class);
        if (restored != null) {
            return Optional.of(restored);
        }
        return modify(id, ownerId, also.get().unset("trainingExample"));
    }

    Optional<Classification> setAlbum(String id, String ownerId, String albumId) {
        Update update = albumId == null ? new Update().unset("albumId") : new Update().set("albumId", albumId);
        return modify(id, ownerId, update);
    }

    private Optional<Classification> modify(String id, String ownerId, Update update) {
        return Optional.ofNullable(mongo.findAndModify(
                query(where("_id").is(id).and("ownerId").is(ownerId)),
                update,
                FindAndModifyOptions.options().returnNew(true),
                Classification.class));
    }

    void replaceImage(String id, Classification.StoredImage image) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("upload.image", image), Classification.class);
    }

    /** Hands a guest's items to the account the guest just signed in to. */
    long moveOwner(String fromOwnerId, String toOwnerId) {
        return mongo.updateMulti(
                        query(where("ownerId").is(fromOwnerId)),
                        new Update().set("ownerId", toOwnerId),
                        Classification.class)
                .getModifiedCount();
    }
}
