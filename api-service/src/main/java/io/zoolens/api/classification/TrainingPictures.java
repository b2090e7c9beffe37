package io.zoolens.api.classification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What custom-model training needs of an owner's pictures: which are filed in which album (id and SHA-256 of the
 * original), and an original's bytes. Reads only; the pictures stay where they are.
 */
@Component
public class TrainingPictures {

    private final MongoTemplate mongo;
    private final ClassificationRepository repository;
    private final ImageStore images;

    TrainingPictures(MongoTemplate mongo, ClassificationRepository repository, ImageStore images) {
        this.mongo = mongo;
        this.repository = repository;
        this.images = images;
    }

    /** The owner's pictures in each of {@code albumIds} (an album without any maps to an empty list). */
    public Map<String, List<Picture>> byAlbum(String ownerId, Collection<String> albumIds) {
        Map<String, List<Picture>> found = new LinkedHashMap<>();
        albumIds.forEach(id -> found.put(id, new ArrayList<>()));
        Query query = new Query(Criteria.where("ownerId")
                .is(ownerId)
                .and("albumId")
                .in(albumIds)
                .and("image.sha256")
                .exists(true));
        query.fields().include("_id", "albumId", "image.sha256");
        for (Document document : mongo.find(query, Document.class, "classifications")) {
            Document image = document.get("image", Document.class);
            String albumId = document.getString("albumId");
            if (image != null && found.containsKey(albumId)) {
                found.get(albumId).add(new Picture(String.valueOf(document.get("_id")), image.getString("sha256")));
            }
        }
        return found;
    }

    /** The original bytes of the owner's picture, empty when it was deleted meanwhile. */
    public Optional<byte[]> original(String ownerId, String pictureId) {
        return repository
                .findByIdAndOwnerId(pictureId, ownerId)
                .filter(item -> item.image() != null && images.exists(item.image()))
                .map(item -> images.originalBytes(item.image()));
    }

    public record Picture(String id, String sha256) {}
}
