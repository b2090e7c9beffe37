package io.zoolens.api.classification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.classifier.LabelScore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Gives classifications stored before the label search had keys their {@code labelKeys}, once, at start-up and
 * before requests are taken. Idempotent: only documents without the field are touched, each with a write that
 * still requires it to be missing, so replicas starting together, or feedback given meanwhile (which writes the
 * keys itself), win over a stale computation. Reads only the fields it needs, as plain documents, so one odd old
 * document cannot stop the start.
 */
@Component
class LabelKeysBackfill implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(LabelKeysBackfill.class);
    private static final String COLLECTION = "classifications";

    private final MongoTemplate mongo;

    LabelKeysBackfill(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Query missing = query(where("labelKeys").exists(false));
        missing.fields().include("status", "labels", "thresholds", "feedback");
        long filled = 0;
        try (Stream<Document> items = mongo.stream(missing, Document.class, COLLECTION)) {
            for (Document item : (Iterable<Document>) items::iterator) {
                filled += mongo.updateFirst(
                                query(where("_id")
                                        .is(item.get("_id"))
                                        .and("labelKeys")
                                        .exists(false)),
                                new Update().set("labelKeys", keys(item)),
                                COLLECTION)
                        .getModifiedCount();
            }
        }
        if (filled > 0) {
            log.info("label search keys added to {} older classification(s)", filled);
        }
    }

    /** As an upload would have stored them: labels at the item's thresholds (the defaults then), the feedback label. */
    static List<String> keys(Document item) {
        List<LabelScore> shown = List.of();
        if ("DONE".equals(item.get("status"))) {
            Thresholds thresholds = item.get("thresholds") instanceof Document given
                            && given.get("topK") instanceof Number topK
                            && given.get("minScore") instanceof Number minScore
                    ? new Thresholds(topK.intValue(), minScore.doubleValue())
                    : Thresholds.DEFAULT;
            shown = new Result(labels(item.get("labels")), List.of())
                    .read(thresholds)
                    .labels();
        }
        Object feedback = item.get("feedback");
        String feedbackLabel =
                feedback instanceof Document given && given.get("label") instanceof String label ? label : null;
        return LabelKeys.of(shown, feedbackLabel);
    }

    private static List<LabelScore> labels(Object stored) {
        List<LabelScore> labels = new ArrayList<>();
        if (stored instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Document label
                        && label.get("label") instanceof String name
                        && label.get("score") instanceof Number score) {
                    labels.add(new LabelScore(name, score.doubleValue()));
                }
            }
        }
        return labels;
    }
}
