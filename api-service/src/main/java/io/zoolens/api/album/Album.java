package io.zoolens.api.album;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A named set of an account's pictures; items point to it with {@code albumId}.
 *
 * @param nameKey the name as it must be unique per owner ({@link AlbumNames#key}): trimmed, lower case
 */
@Document("albums")
record Album(@Id String id, String ownerId, String name, String nameKey, String description, Instant createdAt) {

    static Album create(String ownerId, String name, String description, Instant now) {
        return new Album(null, ownerId, name, AlbumNames.key(name), description, now);
    }

    Album renamed(String newName, String newDescription) {
        String changedName = newName == null ? name : newName;
        return new Album(
                id,
                ownerId,
                changedName,
                AlbumNames.key(changedName),
                newDescription == null ? description : newDescription,
                createdAt);
    }
}
