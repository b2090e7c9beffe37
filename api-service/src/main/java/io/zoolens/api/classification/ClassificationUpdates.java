package io.zoolens.api.classification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.classification.Classification.Failure;
import io.zoolens.api.classification.Classification.Feedback;
import io.zoolens.api.classification.Classification.ModelUsed;
import io.zoolens.api.classification.Classification.Status;
import io.zoolens.api.classification.Classification.Timings;
import io.zoolens.api.classifier.ClassifierApi.ClassifyAnswer;
import io.zoolens.api.classifier.ClassifierClient.Classified;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Targeted, conditional writes to classifications: each touches only its own fields. */
@Component
class ClassificationUpdates {

    private final MongoTemplate mongo;

    ClassificationUpdates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The fields a classifier answer sets, for a new document or an update: every label score and the objects
     * ({@link Result}), and what the upload's own thresholds make of them (top label, search keys).
     */
    static Classification withResult(Classification item, Classified classified, Instant now) {
        ClassifyAnswer answer = classified.answer();
        Result result = Result.of(answer);
        Reading own = result.read(item.ownThresholds());
        String feedbackLabel = item.feedback() == null ? null : item.feedback().label();
        return new Classification(
                item.id(),
                item.ownerId(),
                Status.DONE,
                item.createdAt(),
                item.createdDay(),
                now,
                item.originalFilename(),
                item.image(),
                item.requestedModel(),
                item.thresholds(),
                new ModelUsed(
                        answer.model().name(),
                        answer.model().version(),
                        answer.model().task()),
                own.top() == null ? null : own.top().label(),
                own.top() == null ? null : own.top().score(),
                result.labels(),
                result.objects(),
                LabelKeys.of(own.labels(), feedbackLabel),
                timings(classified),
                item.albumId(),
                item.feedback(),
                null,
                item.attempts(),
                null,
                null,
                null,
                item.requestId());
    }

    private static Timings timings(Classified classified) {
        var given = classified.answer().timings();
        return given == null
                ? new Timings(null, null, null, classified.roundTripMs())
                : new Timings(given.decodeMs(), given.preprocessMs(), given.inferenceMs(), classified.roundTripMs());
    }

    /**
     * Claims the most overdue PENDING item for {@code lease}: one atomic findAndModify, so two replicas never
     * work on the same item. Answers the item as claimed (attempts already counted).
     */
    Optional<Classification> claimDue(Instant now, java.time.Duration lease) {
        Query due = query(where("status")
                        .is(Status.PENDING)
                        .and("nextAttemptAt")
                        .lte(now)
                        .and("leaseUntil")
                        .lte(now))
                .with(Sort.by("nextAttemptAt"));
        Update claim = new Update()
                .set("leaseUntil", now.plus(lease))
                .set("leaseToken", UUID.randomUUID().toString())
                .inc("attempts", 1);
        return Optional.ofNullable(
                mongo.findAndModify(due, claim, FindAndModifyOptions.options().returnNew(true), Classification.class));
    }

    /** Stores the classifier's answer, if the claim still holds. */
    boolean complete(Classification claimed, Classified classified, Instant now) {
        Classification done = withResult(claimed, classified, now);
        Update update = new Update()
                .set("status", Status.DONE)
                .set("classifiedAt", now)
                .set("model", done.model())
                .set("topLabel", done.topLabel())
                .set("topScore", done.topScore())
                .set("labels", done.labels())
                .set("objects", done.objects())
                .set("labelKeys", done.labelKeys())
                .set("timings", done.timings())
                .unset("nextAttemptAt")
                .unset("leaseUntil")
                .unset("leaseToken");
        return mongo.updateFirst(heldBy(claimed), update, Classification.class).getModifiedCount() == 1;
    }

    /** Gives the item back for a later attempt. */
    void reschedule(Classification claimed, Instant nextAttemptAt) {
        Update update = new Update().set("nextAttemptAt", nextAttemptAt).set("leaseUntil", Instant.EPOCH);
        mongo.updateFirst(heldBy(claimed), update, Classification.class);
    }

    /** The classifier refused the image for good. */
    void fail(Classification claimed, Failure failure, Instant now) {
        Update update = new Update()
                .set("status", Status.FAILED)
                .set("classifiedAt", now)
                .set("error", failure)
                .unset("nextAttemptAt")
                .unset("leaseUntil")
                .unset("leaseToken");
        mongo.updateFirst(heldBy(claimed), update, Classification.class);
    }

    private static Query heldBy(Classification claimed) {
        return query(where("_id")
                .is(claimed.id())
                .and("status")
                .is(Status.PENDING)
                .and("leaseToken")
                .is(claimed.leaseToken()));
    }

    /** The feedback and the search keys that include its label, in one write. */
    Optional<Classification> setFeedback(String id, String ownerId, Feedback feedback, List<String> labelKeys) {
        return modify(id, ownerId, new Update().set("feedback", feedback).set("labelKeys", labelKeys));
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
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("image", image), Classification.class);
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
