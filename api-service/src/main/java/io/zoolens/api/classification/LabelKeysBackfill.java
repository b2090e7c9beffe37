package io.zoolens.api.classification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Gives classifications stored before the label search had keys their {@code labelKeys}, once, at start-up and
 * before requests are taken. Idempotent: only documents without the field are touched, each with a write that
 * still requires it to be missing, so replicas starting together, or feedback given meanwhile (which writes the
 * keys itself), win over a stale computation.
 */
@Component
class LabelKeysBackfill implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(LabelKeysBackfill.class);

    private final MongoTemplate mongo;

    LabelKeysBackfill(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long filled = 0;
        try (Stream<Classification> items =
                mongo.stream(query(where("labelKeys").exists(false)), Classification.class)) {
            for (Classification item : (Iterable<Classification>) items::iterator) {
                filled += fill(item);
            }
        }
        if (filled > 0) {
            log.info("label search keys added to {} older classification(s)", filled);
        }
    }

    private long fill(Classification item) {
        String feedbackLabel = item.feedback() == null ? null : item.feedback().label();
        List<String> keys = LabelKeys.of(item.reading(item.ownThresholds()).labels(), feedbackLabel);
        return mongo.updateFirst(
                        query(where("_id").is(item.id()).and("labelKeys").exists(false)),
                        new Update().set("labelKeys", keys),
                        Classification.class)
                .getModifiedCount();
    }
}
