package io.zoolens.api.classification;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import io.zoolens.api.classification.Classification.StoredImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Originals and thumbnails in GridFS (buckets {@code originals} and {@code thumbnails}), de-duplicated by the
 * original's SHA-256: the same picture uploaded twice, by anyone, is stored once. A file is removed only when
 * no classification refers to it any more ({@link ClassificationStore#remove}).
 */
@Component
class ImageStore {

    static final String THUMBNAIL_TYPE = "image/jpeg";

    private final GridFSBucket originals;
    private final GridFSBucket thumbnails;

    ImageStore(MongoDatabaseFactory mongo) {
        this.originals = GridFSBuckets.create(mongo.getMongoDatabase(), "originals");
        this.thumbnails = GridFSBuckets.create(mongo.getMongoDatabase(), "thumbnails");
    }

    /** Stores what is not stored yet and answers where both files are. */
    StoredImage store(ValidatedImage image) {
        ObjectId original = findBySha(originals, image.sha256())
                .orElseGet(() -> upload(originals, image.sha256(), image.bytes(), image.contentType()));
        ObjectId thumbnail = findBySha(thumbnails, image.sha256())
                .orElseGet(() -> upload(thumbnails, image.sha256(), image.thumbnail(), THUMBNAIL_TYPE));
        return new StoredImage(
                image.sha256(),
                image.contentType(),
                image.width(),
                image.height(),
                image.bytes().length,
                original,
                thumbnail);
    }

    /** Whether both files are still there (a concurrent delete of the last other reference may have won). */
    boolean exists(StoredImage image) {
        return exists(originals, image.originalFileId()) && exists(thumbnails, image.thumbnailFileId());
    }

    Optional<Download> original(StoredImage image) {
        return open(originals, image.originalFileId(), image.contentType());
    }

    Optional<Download> thumbnail(StoredImage image) {
        return open(thumbnails, image.thumbnailFileId(), THUMBNAIL_TYPE);
    }

    byte[] originalBytes(StoredImage image) {
        try (GridFSDownloadStream stream = originals.openDownloadStream(image.originalFileId())) {
            return stream.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void delete(StoredImage image) {
        deleteQuietly(originals, image.originalFileId());
        deleteQuietly(thumbnails, image.thumbnailFileId());
    }

    private static Optional<ObjectId> findBySha(GridFSBucket bucket, String sha256) {
        GridFSFile file = bucket.find(Filters.eq("metadata.sha256", sha256)).first();
        return Optional.ofNullable(file).map(GridFSFile::getObjectId);
    }

    private static ObjectId upload(GridFSBucket bucket, String sha256, byte[] bytes, String contentType) {
        GridFSUploadOptions options =
                new GridFSUploadOptions().metadata(new Document("sha256", sha256).append("contentType", contentType));
        return bucket.uploadFromStream(sha256, new ByteArrayInputStream(bytes), options);
    }

    private static boolean exists(GridFSBucket bucket, ObjectId id) {
        return bucket.find(Filters.eq("_id", id)).first() != null;
    }

    private static Optional<Download> open(GridFSBucket bucket, ObjectId id, String contentType) {
        try {
            GridFSDownloadStream stream = bucket.openDownloadStream(id);
            return Optional.of(new Download(stream, stream.getGridFSFile().getLength(), contentType));
        } catch (MongoGridFSException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(GridFSBucket bucket, ObjectId id) {
        try {
            bucket.delete(id);
        } catch (MongoGridFSException e) {
            // already gone
        }
    }

    /** An open file: close the stream after sending it. */
    record Download(InputStream content, long length, String contentType) {}
}
