package io.zoolens.api.classification;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import org.springframework.stereotype.Component;

/** What an upload must pass before anything is stored or classified: the image checks and the album's owner. */
@Component
class UploadChecks {

    private final UploadDecoding decoding;
    private final AlbumLookup albums;

    UploadChecks(UploadDecoding decoding, AlbumLookup albums) {
        this.decoding = decoding;
        this.albums = albums;
    }

    /** Throws {@link io.zoolens.image.ImageRejectedException} for anything that is not an acceptable image. */
    ValidatedImage image(byte[] bytes) {
        return decoding.validate(bytes);
    }

    /**
     * The plain {@code model} names a classifier model, never a custom model's folder (404 as for an unknown model);
     * {@code modelVersion} only with {@code customModelId}, and not both {@code model} and {@code customModelId}.
     */
    void model(UploadIntake.ModelRequest request) {
        if (request.model() != null && request.model().startsWith("u-")) {
            throw new ApiException(ProblemType.MODEL_NOT_FOUND, "No model named " + request.model() + ".");
        }
        if (request.model() != null && request.customModelId() != null) {
            throw ApiException.invalidField("customModelId", "give either model or customModelId");
        }
        if (request.modelVersion() != null && request.customModelId() == null) {
            throw ApiException.invalidField("modelVersion", "only with customModelId");
        }
    }

    /** A 400 unless {@code albumId} is absent or one of the owner's albums. */
    void album(String albumId, String ownerId) {
        if (albumId != null && !albums.exists(albumId, ownerId)) {
            throw ApiException.invalidField("albumId", "no such album");
        }
    }
}
