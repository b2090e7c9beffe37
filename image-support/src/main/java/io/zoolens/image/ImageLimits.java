package io.zoolens.image;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link ImageDecoder} accepts: at most {@code maxBytes} encoded bytes, at most {@code maxPixels}
 * decoded pixels (width × height), and only the formats in {@code allowedFormats}.
 */
public record ImageLimits(long maxBytes, long maxPixels, Set<ImageFormat> allowedFormats) {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    public ImageLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
        }
        Objects.requireNonNull(allowedFormats, "allowedFormats");
        if (allowedFormats.isEmpty()) {
            throw new IllegalArgumentException("allowedFormats must name at least one format");
        }
        // An EnumSet keeps the declaration order, so messages list formats the same way every time.
        allowedFormats = Collections.unmodifiableSet(EnumSet.copyOf(allowedFormats));
    }

    /** 10 MiB, 40 megapixels, every {@link ImageFormat}. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, EnumSet.allOf(ImageFormat.class));
    }

    /**
     * Limits from configuration values such as {@code ZOOLENS_UPLOAD_ALLOWED_TYPES}; fails on a media type
     * that names no {@link ImageFormat}, so a typo stops the service at start-up instead of refusing uploads.
     */
    public static ImageLimits of(long maxBytes, long maxPixels, Collection<String> allowedMediaTypes) {
        Objects.requireNonNull(allowedMediaTypes, "allowedMediaTypes");
        List<ImageFormat> formats = new ArrayList<>();
        for (String mediaType : allowedMediaTypes) {
            formats.add(ImageFormat.fromMediaType(mediaType)
                    .orElseThrow(() -> new IllegalArgumentException("Unsupported image media type '" + mediaType
                            + "'; supported: image/jpeg, image/png, image/gif, image/bmp, image/webp")));
        }
        return new ImageLimits(maxBytes, maxPixels, formats.isEmpty() ? Set.of() : EnumSet.copyOf(formats));
    }

    public boolean allows(ImageFormat format) {
        return allowedFormats.contains(format);
    }
}
