package io.zoolens.api.album;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.account.AccountDeleted;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Deleting albums: their items stay and are unfiled; an account's albums go with the account. An album that is a
 * class of a custom model is deleted only when asked to drop it from those models too (409 otherwise): silently
 * losing a class would make the next training fail or change what the model answers.
 */
@Component
class AlbumRemoval {

    private final AlbumRepository albums;
    private final AlbumClasses classes;
    private final MongoTemplate mongo;

    AlbumRemoval(AlbumRepository albums, AlbumClasses classes, MongoTemplate mongo) {
        this.albums = albums;
        this.classes = classes;
        this.mongo = mongo;
    }

    /**
     * @param removeFromModels drop the album from the classes of the owner's custom models; else 409
     *     {@code album-in-custom-model} when it is a class of one
     */
    void remove(Album album, boolean removeFromModels) {
        if (removeFromModels) {
            classes.removeFromModels(album.ownerId(), album.id());
        } else {
            List<AlbumClasses.ModelRef> models = classes.modelsWith(album.ownerId(), album.id());
            if (!models.isEmpty()) {
                throw new ApiException(
                        ProblemType.ALBUM_IN_CUSTOM_MODEL,
                        "Album \u201c" + album.name() + "\u201d is a class of "
                                + String.join(
                                        ", ",
                                        models.stream()
                                                .map(m -> "\u201c" + m.name() + "\u201d")
                                                .toList())
                                + "; delete it with ?customModels=remove-class to drop the class from "
                                + (models.size() == 1 ? "that model" : "those models") + " too.",
                        Map.of("models", models),
                        null);
            }
        }
        mongo.updateMulti(
                query(where("ownerId").is(album.ownerId()).and("albumId").is(album.id())),
                new Update().unset("albumId"),
                "classifications");
        albums.deleteById(album.id());
    }

    @EventListener
    void onAccountDeleted(AccountDeleted event) {
        albums.deleteByOwnerId(event.userId());
    }
}
