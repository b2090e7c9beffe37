package io.zoolens.api.albumimport;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.classification.Classification;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether an album already holds a picture of the same bytes, so importing an archive again (say, the day after the
 * daily upload limit ended it) adds only what is missing. Reads the classifications' stored hash ({@code
 * upload.image.sha256}, stored as {@code image.sha256}) through the {@code (ownerId, albumId)} index.
 */
@Component
class AlbumPictures {

    private final MongoTemplate mongo;

    AlbumPictures(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    boolean holds(String ownerId, String albumId, byte[] bytes) {
        return mongo.exists(
                query(where("ownerId")
                        .is(ownerId)
                        .and("albumId")
                        .is(albumId)
                        .and("upload.image.sha256")
                        .is(sha256(bytes))),
                // The entity, not the collection name: Spring Data maps the property path to the stored field
                // (the upload is unwrapped into the document).
                Classification.class);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
