package io.zoolens.api.album;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.zoolens.api.classification.AlbumLookup;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** How many items each album holds and which is its newest (its cover), in one aggregation. */
@Component
class AlbumContents implements AlbumLookup {

    private final MongoTemplate mongo;
    private final AlbumRepository albums;

    AlbumContents(MongoTemplate mongo, AlbumRepository albums) {
        this.mongo = mongo;
        this.albums = albums;
    }

    @Override
    public boolean exists(String albumId, String ownerId) {
        return albums.existsByIdAndOwnerId(albumId, ownerId);
    }

    @Override
    public Map<String, String> names(String ownerId, Collection<String> albumIds) {
        Map<String, String> names = new HashMap<>();
        albums.findByOwnerIdAndIdIn(ownerId, albumIds).forEach(album -> names.put(album.id(), album.name()));
        return names;
    }

    Map<String, Summary> summaries(String ownerId, Collection<String> albumIds) {
        var aggregation = newAggregation(
                match(where("ownerId").is(ownerId).and("albumId").in(albumIds)),
                sort(Sort.by(Sort.Direction.DESC, "createdAt")),
                group("albumId").count().as("count").first("_id").as("newest"));
        Map<String, Summary> summaries = new HashMap<>();
        for (Document row : mongo.aggregate(aggregation, "classifications", Document.class)) {
            Object newest = row.get("newest");
            summaries.put(
                    String.valueOf(row.get("_id")),
                    new Summary(((Number) row.get("count")).longValue(), newest == null ? null : newest.toString()));
        }
        return summaries;
    }

    /** Items in an album and the id of the newest one. */
    record Summary(long count, String newestItemId) {}
}
