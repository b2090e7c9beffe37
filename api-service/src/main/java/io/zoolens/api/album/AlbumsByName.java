package io.zoolens.api.album;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** An owner's album found by its name (ignoring case, as names are unique), or made: the album import's target. */
@Component
public class AlbumsByName {

    private final AlbumRepository albums;
    private final MongoTemplate mongo;
    private final Clock clock;

    AlbumsByName(AlbumRepository albums, MongoTemplate mongo, Clock clock) {
        this.albums = albums;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The owner's album called {@code name}, created when there is none; {@code name} must be trimmed and valid. */
    public Target findOrCreate(String ownerId, String name) {
        Album existing = find(ownerId, name);
        if (existing != null) {
            return new Target(existing.id(), existing.name(), false);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            Album created = albums.insert(Album.create(ownerId, name, null, now));
            return new Target(created.id(), created.name(), true);
        } catch (DuplicateKeyException e) {
            // Another request made it meanwhile (the unique index decides): use that one.
            Album other = find(ownerId, name);
            if (other == null) {
                throw e;
            }
            return new Target(other.id(), other.name(), false);
        }
    }

    /** Removes an album {@link #findOrCreate} made when nothing was filed into it after all. */
    public void discardIfEmpty(String ownerId, String albumId) {
        if (!mongo.exists(query(where("ownerId").is(ownerId).and("albumId").is(albumId)), "classifications")) {
            albums.deleteById(albumId);
        }
    }

    private Album find(String ownerId, String name) {
        return mongo.findOne(query(where("ownerId").is(ownerId).and("nameKey").is(AlbumNames.key(name))), Album.class);
    }

    /**
     * An album to import into.
     *
     * @param created whether this call made it (false: the owner had one of that name)
     */
    public record Target(String id, String name, boolean created) {}
}
