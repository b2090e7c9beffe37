package io.zoolens.api.album;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A named set of an account's pictures; items point to it with {@code albumId}. */
@Document("albums")
record Album(@Id String id, String ownerId, String name, String description, Instant createdAt) {

    Album renamed(String newName, String newDescription) {
        return new Album(
                id,
                ownerId,
                newName == null ? name : newName,
                newDescription == null ? description : newDescription,
                createdAt);
    }
}
