package io.zoolens.api.classification;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.classification.Classification.Status;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Fields;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A custom model's feedback examples as the custom-model feature sees them (items whose feedback filed them into
 * one of its class albums) and the feedback its versions got. Every query names the owner.
 */
@Component
public class TrainingExamples {

    /** A page the Models page shows at once; feedback comes one picture at a time, so far more is unusual. */
    public static final int MAX_LISTED = 1000;

    private final MongoTemplate mongo;
    private final ClassificationUpdates updates;

    TrainingExamples(MongoTemplate mongo, ClassificationUpdates updates) {
        this.mongo = mongo;
        this.updates = updates;
    }

    /** The model's examples added after {@code since} ({@code null}: all), newest first. */
    public List<Example> since(String ownerId, String modelId, Instant since) {
        Query query = of(ownerId, modelId, since)
                .with(Sort.by(Sort.Direction.DESC, "trainingExample.addedAt"))
                .limit(MAX_LISTED);
        return mongo.find(query, Classification.class).stream()
                .map(item -> new Example(
                        item.id(),
                        item.trainingExample().label(),
                        item.trainingExample().albumId(),
                        item.feedback() == null || item.feedback().correct(),
                        item.trainingExample().addedAt()))
                .toList();
    }

    public long count(String ownerId, String modelId, Instant since) {
        return mongo.count(of(ownerId, modelId, since), Classification.class);
    }

    /**
     * Takes the item out of the class album again (back where it was before) and forgets the example; false when
     * the owner has no such example of this model.
     */
    public boolean forget(String ownerId, String modelId, String pictureId) {
        Classification item = mongo.findOne(
                query(where("_id")
                        .is(pictureId)
                        .and("ownerId")
                        .is(ownerId)
                        .and("trainingExample.modelId")
                        .is(modelId)),
                Classification.class);
        if (item == null) {
            return false;
        }
        return updates.forgetExample(pictureId, ownerId, item.trainingExample(), Update::new)
                .isPresent();
    }

    /** The model was deleted: its examples are plain filed pictures again. */
    public void clear(String ownerId, String modelId) {
        mongo.updateMulti(
                query(where("ownerId")
                        .is(ownerId)
                        .and("trainingExample.modelId")
                        .is(modelId)),
                new Update().unset("trainingExample"),
                Classification.class);
    }

    /**
     * Feedback on the answers of the model in classifier folder {@code folder}, by the version that answered: how
     * much, how much of it "correct".
     */
    public Map<String, Tally> feedbackByVersion(String ownerId, String folder) {
        // Stored field names (the parts are unwrapped): requestedModel, model.version, feedback.correct.
        var aggregation = newAggregation(
                match(where("ownerId")
                        .is(ownerId)
                        .and("requestedModel")
                        .is(folder)
                        .and("status")
                        .is(Status.DONE.name())
                        .and("feedback")
                        .exists(true)),
                group(Fields.from(
                                Fields.field("version", "model.version"), Fields.field("correct", "feedback.correct")))
                        .count()
                        .as("count"));
        Map<String, Tally> byVersion = new HashMap<>();
        for (Document row : mongo.aggregate(aggregation, "classifications", Document.class)) {
            Document key = (Document) row.get("_id");
            String version = key.getString("version");
            if (version == null) {
                continue;
            }
            long count = ((Number) row.get("count")).longValue();
            boolean correct = Boolean.TRUE.equals(key.get("correct"));
            byVersion.merge(version, new Tally(count, correct ? count : 0), Tally::plus);
        }
        return byVersion;
    }

    private static Query of(String ownerId, String modelId, Instant since) {
        Criteria criteria =
                where("ownerId").is(ownerId).and("trainingExample.modelId").is(modelId);
        if (since != null) {
            criteria = criteria.and("trainingExample.addedAt").gt(since);
        }
        return query(criteria);
    }

    /**
     * One example.
     *
     * @param pictureId the classification's id
     * @param albumId the class album the feedback filed it into
     * @param correct whether the feedback confirmed the model's answer (else it named another class)
     */
    public record Example(String pictureId, String label, String albumId, boolean correct, Instant addedAt) {}

    /** Feedback given, and how much of it said "correct". */
    public record Tally(long feedback, long correct) {

        Tally plus(Tally other) {
            return new Tally(feedback + other.feedback, correct + other.correct);
        }
    }
}
