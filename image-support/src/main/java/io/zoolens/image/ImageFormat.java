package io.zoolens.image;

import java.util.Locale;
import java.util.Optional;

/** The image formats Zoolens accepts, each with its canonical media type. */
public enum ImageFormat {
    JPEG("image/jpeg", "JPEG", "image/jpg", "image/pjpeg"),
    PNG("image/png", "PNG", "image/x-png"),
    GIF("image/gif", "GIF"),
    BMP("image/bmp", "BMP", "image/x-bmp", "image/x-ms-bmp"),
    WEBP("image/webp", "WebP");

    private final String mediaType;
    private final String displayName;
    private final String[] aliases;

    ImageFormat(String mediaType, String displayName, String... aliases) {
        this.mediaType = mediaType;
        this.displayName = displayName;
        this.aliases = aliases;
    }

    /** The canonical media type, e.g. {@code image/jpeg}. */
    public String mediaType() {
        return mediaType;
    }

    /** The name people know the format by, e.g. {@code WebP}; used in error messages. */
    public String displayName() {
        return displayName;
    }

    /**
     * The format for a media type such as {@code image/png}, {@code IMAGE/JPEG; q=1} or the common
     * alias {@code image/jpg}; empty for anything else.
     */
    public static Optional<ImageFormat> fromMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        int semicolon = mediaType.indexOf(';');
        String bare = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        for (ImageFormat format : values()) {
            if (format.mediaType.equals(bare)) {
                return Optional.of(format);
            }
            for (String alias : format.aliases) {
                if (alias.equals(bare)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }
}
