package io.zoolens.image;

import java.util.Objects;

/**
 * What an image is: its sniffed format and its size as displayed, that is after the EXIF orientation
 * ({@code 1}..{@code 8}; {@code 1} when the image has none) has been applied.
 */
public record ImageInfo(ImageFormat format, int width, int height, int exifOrientation) {

    public ImageInfo {
        Objects.requireNonNull(format, "format");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive");
        }
        if (exifOrientation < 1 || exifOrientation > 8) {
            throw new IllegalArgumentException("exifOrientation must be 1..8, was " + exifOrientation);
        }
    }

    /** The canonical media type of {@link #format()}, e.g. {@code image/png}. */
    public String mediaType() {
        return format.mediaType();
    }
}
