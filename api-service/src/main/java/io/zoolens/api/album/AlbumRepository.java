package io.zoolens.api.album;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

interface AlbumRepository extends MongoRepository<Album, String> {

    Optional<Album> findByIdAndOwnerId(String id, String ownerId);

    boolean existsByIdAndOwnerId(String id, String ownerId);

    List<Album> findByOwnerIdOrderByNameAsc(String ownerId);

    List<Album> findByOwnerIdAndIdIn(String ownerId, Collection<String> ids);

    void deleteByOwnerId(String ownerId);
}
