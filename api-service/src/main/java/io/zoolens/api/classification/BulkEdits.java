package io.zoolens.api.classification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.classification.BulkController.BulkResponse;
import io.zoolens.api.system.ApiException;
import java.util.List;
import java.util.Set;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Many items at once; the owner is part of every filter, so another owner's id is simply not found. */
@Component
class BulkEdits {

    private final MongoTemplate mongo;
    private final ClassificationStore store;
    private final AlbumLookup albums;

    BulkEdits(MongoTemplate mongo, ClassificationStore store, AlbumLookup albums) {
        this.mongo = mongo;
        this.store = store;
        this.albums = albums;
    }

    /** Files the items into {@code albumId}, or takes them out of their album when it is {@code null}. */
    BulkResponse file(String ownerId, List<String> ids, String albumId) {
        if (albumId != null && !albums.exists(albumId, ownerId)) {
            throw ApiException.invalidField("albumId", "no such album");
        }
        Update update = albumId == null ? new Update().unset("albumId") : new Update().set("albumId", albumId);
        long matched = mongo.updateMulti(owned(ownerId, ids), update, Classification.class)
                .getMatchedCount();
        List<String> found =
                mongo.query(Classification.class).as(Found.class).matching(owned(ownerId, ids)).all().stream()
                        .map(Found::id)
                        .toList();
        return new BulkResponse("file", matched, missing(ids, found));
    }

    BulkResponse delete(String ownerId, List<String> ids, String albumId) {
        if (albumId != null) {
            throw ApiException.invalidField("albumId", "only for the action file");
        }
        List<Classification> found = mongo.find(owned(ownerId, ids), Classification.class);
        found.forEach(store::remove);
        return new BulkResponse(
                "delete",
                found.size(),
                missing(ids, found.stream().map(Classification::id).toList()));
    }

    private static Query owned(String ownerId, List<String> ids) {
        return query(where("_id").in(ids).and("ownerId").is(ownerId));
    }

    /** The requested ids no found item has (ids compared as MongoDB does: an ObjectId's hex in any case). */
    private static List<String> missing(List<String> requested, List<String> foundIds) {
        Set<String> present = Set.copyOf(foundIds);
        return requested.stream().filter(id -> !present.contains(canonical(id))).toList();
    }

    private static String canonical(String id) {
        return ObjectId.isValid(id) ? new ObjectId(id).toHexString() : id;
    }

    /** Only the id of a found item. */
    record Found(String id) {}
}
