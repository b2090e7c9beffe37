package io.zoolens.api.album;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.account.AccountDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Deleting albums: their items stay and are unfiled; an account's albums go with the account. */
@Component
class AlbumRemoval {

    private final AlbumRepository albums;
    private final MongoTemplate mongo;

    AlbumRemoval(AlbumRepository albums, MongoTemplate mongo) {
        this.albums = albums;
        this.mongo = mongo;
    }

    void remove(Album album) {
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
