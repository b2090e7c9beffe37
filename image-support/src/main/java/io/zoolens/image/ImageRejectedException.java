package io.zoolens.image;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * An image that Zoolens will not decode. The {@link Reason} carries the problem type and HTTP status both
 * services answer with; the message is a human sentence meant for the problem's {@code detail}: it names
 * sizes and formats, never exceptions, stack traces or paths. {@link #properties()} are the problem's extension
 * members (the limit that was exceeded, as numbers), the same in both services.
 */
public final class ImageRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final transient Map<String, Object> properties;

    public ImageRejectedException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    /** The cause is kept for logs only; it never reaches the message. */
    public ImageRejectedException(Reason reason, String detail, Throwable cause) {
        this(reason, detail, Map.of(), cause);
    }

    /** With problem extension members such as {@code maxBytes}; numbers and strings only. */
    public ImageRejectedException(Reason reason, String detail, Map<String, Object> properties, Throwable cause) {
        super(Objects.requireNonNull(detail, "detail"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.properties = Map.copyOf(properties);
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Extension members for the problem: {@code maxBytes} for {@code TOO_MANY_BYTES}; {@code maxPixels} and
     * {@code pixels} for {@code TOO_MANY_PIXELS}; empty otherwise.
     */
    public Map<String, Object> properties() {
        return properties;
    }

    /** Why an image was refused, as an RFC 9457 problem: {@code https://zoolens.io/problems/<slug>}. */
    public enum Reason {
        EMPTY("empty-image", 400, "Empty image"),
        TOO_MANY_BYTES("image-too-large", 413, "Image too large"),
        UNSUPPORTED("unsupported-image", 415, "Unsupported image type"),
        CORRUPT("corrupt-image", 422, "Corrupt image"),
        TOO_MANY_PIXELS("too-many-pixels", 422, "Too many pixels");

        private static final String TYPE_PREFIX = "https://zoolens.io/problems/";

        private final String slug;
        private final int status;
        private final String title;

        Reason(String slug, int status, String title) {
            this.slug = slug;
            this.status = status;
            this.title = title;
        }

        public String slug() {
            return slug;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }

        /** The problem {@code type}, e.g. {@code https://zoolens.io/problems/corrupt-image}. */
        public URI type() {
            return URI.create(TYPE_PREFIX + slug);
        }
    }
}
