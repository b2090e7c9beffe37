package io.zoolens.api.classification;

import io.zoolens.image.ImageLimits;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What an upload may be ({@code zoolens.upload.*}; {@code ZOOLENS_UPLOAD_MAX_BYTES}, {@code
 * ZOOLENS_UPLOAD_MAX_PIXELS}, {@code ZOOLENS_UPLOAD_ALLOWED_TYPES}).
 *
 * @param maxBytes largest accepted file
 * @param maxPixels largest accepted width × height, checked from the header before decoding
 * @param allowedTypes accepted media types, sniffed from the bytes
 * @param thumbnailEdge longer edge of thumbnails, in pixels
 */
@ConfigurationProperties("zoolens.upload")
public record UploadProperties(
        @DefaultValue("10MB") DataSize maxBytes,
        @DefaultValue("40000000") long maxPixels,

        @DefaultValue({"image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp"})
        List<String> allowedTypes,

        @DefaultValue("256") int thumbnailEdge) {

    public ImageLimits imageLimits() {
        return ImageLimits.of(maxBytes.toBytes(), maxPixels, allowedTypes);
    }
}
