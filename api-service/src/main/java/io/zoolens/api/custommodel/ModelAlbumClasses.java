package io.zoolens.api.custommodel;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.album.AlbumClasses;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Albums as classes of custom models, for deleting an album: which models use it, and dropping it from them. */
@Component
class ModelAlbumClasses implements AlbumClasses {

    private final MongoTemplate mongo;
    private final Clock clock;

    ModelAlbumClasses(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public List<ModelRef> modelsWith(String ownerId, String albumId) {
        Query query = using(ownerId, albumId).with(Sort.by("nameKey"));
        return mongo.find(query, CustomModel.class).stream()
                .map(model -> new ModelRef(model.id(), model.name()))
                .toList();
    }

    /** One targeted write: a training that finishes meanwhile keeps its version; the rest of the model is untouched. */
    @Override
    public void removeFromModels(String ownerId, String albumId) {
        mongo.updateMulti(
                using(ownerId, albumId),
                new Update()
                        .pull("albumIds", albumId)
                        .set("updatedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS)),
                CustomModel.class);
    }

    private static Query using(String ownerId, String albumId) {
        return query(where("ownerId").is(ownerId).and("albumIds").is(albumId));
    }
}
