package io.zoolens.api.custommodel;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

interface CustomModelRepository extends MongoRepository<CustomModel, String> {

    /** The one way to load a model for a request: another owner's model is simply not found. */
    Optional<CustomModel> findByIdAndOwnerId(String id, String ownerId);

    List<CustomModel> findByOwnerIdOrderByNameKeyAsc(String ownerId);

    long countByOwnerId(String ownerId);
}
