package io.zoolens.web;

import io.zoolens.image.ImageLimits;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What an upload may be, for both services ({@code zoolens.upload.*}; {@code ZOOLENS_UPLOAD_MAX_BYTES}, {@code
 * ZOOLENS_UPLOAD_MAX_PIXELS}, {@code ZOOLENS_UPLOAD_ALLOWED_TYPES}). The defaults live here and nowhere else.
 *
 * @param maxBytes largest accepted image (a Spring size: {@code 10MB} is 10 MiB; a plain number is bytes)
 * @param maxPixels largest accepted width × height, checked from the header before decoding
 * @param allowedTypes accepted media types, sniffed from the bytes
 * @param thumbnailEdge longer edge of the api's thumbnails, in pixels
 * @param modelImageEdge longer edge of the image the api sends the classifier for a larger upload, in pixels (at
 *     least 1024: twice the model input, so the classifier's own resize still has detail to average)
 */
@ConfigurationProperties("zoolens.upload")
public record UploadProperties(
        @DefaultValue("10MB") DataSize maxBytes,
        @DefaultValue("40000000") long maxPixels,

        @DefaultValue({"image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp"})
        List<String> allowedTypes,

        @DefaultValue("256") int thumbnailEdge,
        @DefaultValue("1024") int modelImageEdge) {

    /**
     * Room above {@link #maxBytes()} for a form's envelope: half for the image part's own headers, the whole for
     * the request. The gateway allows the same ({@code gateway-nginx/render.sh}), so a form it lets through is
     * never cut off by a service's container first.
     */
    public static final DataSize FORM_HEADROOM = DataSize.ofMegabytes(1); // 1 MiB: Spring's megabyte is binary

    public ImageLimits imageLimits() {
        return ImageLimits.of(maxBytes.toBytes(), maxPixels, allowedTypes);
    }

    /** The largest multipart file part: an image a little over the limit still reaches the precise check. */
    public DataSize maxFilePartSize() {
        return DataSize.ofBytes(maxBytes.toBytes() + FORM_HEADROOM.toBytes() / 2);
    }

    /** The largest multipart request. */
    public DataSize maxFormSize() {
        return DataSize.ofBytes(maxBytes.toBytes() + FORM_HEADROOM.toBytes());
    }
}
