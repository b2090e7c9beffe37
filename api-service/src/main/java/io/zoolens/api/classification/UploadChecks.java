package io.zoolens.api.classification;

import io.zoolens.api.system.ApiException;
import io.zoolens.image.ImageDecoder;
import io.zoolens.web.UploadProperties;
import org.springframework.stereotype.Component;

/** What an upload must pass before anything is stored or classified: the image checks and the album's owner. */
@Component
class UploadChecks {

    private final ImageDecoder decoder;
    private final UploadProperties upload;
    private final AlbumLookup albums;

    UploadChecks(ImageDecoder decoder, UploadProperties upload, AlbumLookup albums) {
        this.decoder = decoder;
        this.upload = upload;
        this.albums = albums;
    }

    /** Throws {@link io.zoolens.image.ImageRejectedException} for anything that is not an acceptable image. */
    ValidatedImage image(byte[] bytes) {
        return ValidatedImage.of(bytes, decoder, upload.thumbnailEdge());
    }

    /** A 400 unless {@code albumId} is absent or one of the owner's albums. */
    void album(String albumId, String ownerId) {
        if (albumId != null && !albums.exists(albumId, ownerId)) {
            throw ApiException.invalidField("albumId", "no such album");
        }
    }
}
