package io.zoolens.api.system;

import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.stereotype.Component;

/**
 * Every index the service relies on, created from code at start-up, before the web server takes requests.
 * {@code createIndex} is idempotent, so replicas starting together agree; changing a definition means a new
 * index name, never a silent drift between instances. (Spring Data's auto-index-creation stays off.)
 */
@Component
public class MongoIndexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(MongoIndexes.class);

    private final MongoTemplate mongo;

    public MongoIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ensure("users", new Index("usernameKey", Sort.Direction.ASC).unique().named("username_unique"));
        ensure("users", new Index("emailKey", Sort.Direction.ASC).unique().named("email_unique"));
        ensure("classifications", compound("owner_created", new Document("ownerId", 1).append("createdAt", -1)));
        // The label search matches labelKeys by anchored prefix; labels.label now holds every label score, too
        // many entries per item to index for nothing.
        drop("classifications", "owner_label");
        ensure("classifications", compound("owner_label_keys", new Document("ownerId", 1).append("labelKeys", 1)));
        ensure("classifications", compound("owner_top_label", new Document("ownerId", 1).append("topLabel", 1)));
        ensure("classifications", compound("owner_album", new Document("ownerId", 1).append("albumId", 1)));
        ensure(
                "classifications",
                compound("status_next_attempt", new Document("status", 1).append("nextAttemptAt", 1)));
        ensure("classifications", compound("image_original", new Document("image.originalFileId", 1)));
        // Covers the storage-quota sum ($match ownerId, $sum image.bytes) without reading the documents.
        ensure("classifications", compound("owner_bytes", new Document("ownerId", 1).append("image.bytes", 1)));
        // A custom model's feedback examples (list, count, clear) and its version stats.
        ensure(
                "classifications",
                compound("owner_training_example", new Document("ownerId", 1).append("trainingExample.modelId", 1)));
        ensure(
                "classifications",
                compound("owner_requested_model", new Document("ownerId", 1).append("requestedModel", 1)));
        ensure("albums", compound("owner_name", new Document("ownerId", 1).append("name", 1)));
        ensure(
                "customModels",
                new CompoundIndexDefinition(new Document("ownerId", 1).append("nameKey", 1))
                        .unique()
                        .named("owner_name_unique"));
        ensure("trainingJobs", compound("state_lease", new Document("state", 1).append("leaseUntil", 1)));
        ensure("trainingJobs", compound("model", new Document("modelId", 1)));
        for (String bucket : List.of("originals", "thumbnails")) {
            ensure(bucket + ".files", compound("sha256", new Document("metadata.sha256", 1)));
        }
        log.info("MongoDB indexes in place");
    }

    private void drop(String collection, String name) {
        boolean present = mongo.indexOps(collection).getIndexInfo().stream()
                .anyMatch(index -> index.getName().equals(name));
        if (present) {
            try {
                mongo.indexOps(collection).dropIndex(name);
            } catch (org.springframework.dao.DataAccessException e) {
                log.info("index {} was dropped meanwhile ({})", name, e.getMessage()); // another replica did it
            }
        }
    }

    private void ensure(String collection, IndexDefinition index) {
        mongo.indexOps(collection).createIndex(index);
    }

    private static IndexDefinition compound(String name, Document keys) {
        return new CompoundIndexDefinition(keys).named(name);
    }
}
