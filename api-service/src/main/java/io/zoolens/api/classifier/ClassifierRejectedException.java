package io.zoolens.api.classifier;

/**
 * The classifier refused the request for good (a 4xx problem such as {@code unsupported-image} or
 * {@code model-not-found}); asking again will not help.
 */
public class ClassifierRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;
    private final String title;

    public ClassifierRejectedException(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The last segment of the problem type, e.g. {@code model-not-found}. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
