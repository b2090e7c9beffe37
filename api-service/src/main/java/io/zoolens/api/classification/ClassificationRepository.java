package io.zoolens.api.classification;

import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.repository.MongoRepository;

interface ClassificationRepository extends MongoRepository<Classification, String> {

    /** The one way to load an item for a request: another owner's item is simply not found. */
    Optional<Classification> findByIdAndOwnerId(String id, String ownerId);

    List<Classification> findByOwnerId(String ownerId);

    boolean existsByUploadImageOriginalFileId(ObjectId originalFileId);
}
