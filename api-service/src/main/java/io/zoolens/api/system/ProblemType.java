package io.zoolens.api.system;

import io.zoolens.web.Problems;
import io.zoolens.web.StatusProblem;
import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every problem the public API answers with: a stable {@code type} URI, its HTTP status and title. The table in
 * {@code docs/api.md} lists the same slugs; changing one is a breaking change for clients. The types of bare
 * statuses come from web-support's one table ({@link StatusProblem}), shared with the classifier.
 */
public enum ProblemType {
    VALIDATION_FAILED(StatusProblem.VALIDATION_FAILED),
    EMPTY_IMAGE("empty-image", HttpStatus.BAD_REQUEST, "Empty image"),
    NOT_AUTHENTICATED(StatusProblem.NOT_AUTHENTICATED),
    BAD_CREDENTIALS("bad-credentials", HttpStatus.UNAUTHORIZED, "Wrong login or password"),
    CSRF_TOKEN_INVALID("csrf-token-invalid", HttpStatus.FORBIDDEN, "Missing or wrong CSRF token"),
    FORBIDDEN(StatusProblem.FORBIDDEN),
    NOT_FOUND(StatusProblem.NOT_FOUND),
    MODEL_NOT_FOUND("model-not-found", HttpStatus.NOT_FOUND, "Unknown model"),
    METHOD_NOT_ALLOWED(StatusProblem.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(StatusProblem.NOT_ACCEPTABLE),
    USERNAME_TAKEN("username-taken", HttpStatus.CONFLICT, "Username taken"),
    EMAIL_TAKEN("email-taken", HttpStatus.CONFLICT, "Email taken"),
    NOT_CLASSIFIED("not-classified", HttpStatus.CONFLICT, "Not classified yet"),
    IMAGE_TOO_LARGE("image-too-large", HttpStatus.CONTENT_TOO_LARGE, "Image too large"),
    UNSUPPORTED_IMAGE("unsupported-image", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported image type"),
    UNSUPPORTED_MEDIA_TYPE(StatusProblem.UNSUPPORTED_MEDIA_TYPE),
    CORRUPT_IMAGE("corrupt-image", HttpStatus.UNPROCESSABLE_CONTENT, "Corrupt image"),
    TOO_MANY_PIXELS("too-many-pixels", HttpStatus.UNPROCESSABLE_CONTENT, "Too many pixels"),
    WEAK_PASSWORD("weak-password", HttpStatus.UNPROCESSABLE_CONTENT, "Password too weak"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    INTERNAL_ERROR(StatusProblem.INTERNAL_ERROR),
    CLASSIFIER_UNAVAILABLE("classifier-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Classifier unavailable"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    SESSION_ENDED("session-ended", HttpStatus.UNAUTHORIZED, "Session ended"),
    GUEST_LIMIT_REACHED("guest-limit-reached", HttpStatus.TOO_MANY_REQUESTS, "Guest limit reached"),
    STORAGE_QUOTA_EXCEEDED("storage-quota-exceeded", HttpStatus.CONTENT_TOO_LARGE, "Storage quota exceeded"),
    REQUEST_TOO_LARGE(StatusProblem.REQUEST_TOO_LARGE),
    ALBUM_NAME_TAKEN("album-name-taken", HttpStatus.CONFLICT, "Album name taken"),
    ARCHIVE_TOO_LARGE("archive-too-large", HttpStatus.CONTENT_TOO_LARGE, "Archive too large"),
    CORRUPT_ARCHIVE("corrupt-archive", HttpStatus.UNPROCESSABLE_CONTENT, "Corrupt archive"),
    MODEL_NAME_TAKEN("model-name-taken", HttpStatus.CONFLICT, "Model name taken"),
    ALBUM_NOT_FOUND("album-not-found", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown album"),
    MODEL_VERSION_NOT_FOUND("model-version-not-found", HttpStatus.NOT_FOUND, "Unknown model version"),
    TRAINING_IN_PROGRESS("training-in-progress", HttpStatus.CONFLICT, "Training in progress"),
    TRAINING_REFUSED("training-refused", HttpStatus.UNPROCESSABLE_CONTENT, "Training refused"),
    TRAINING_FINISHED("training-finished", HttpStatus.CONFLICT, "Training already finished"),
    QUOTA_EXCEEDED("quota-exceeded", HttpStatus.CONFLICT, "Quota exceeded"),
    VERSION_ACTIVE("version-active", HttpStatus.CONFLICT, "Version is active"),
    NOT_A_CLASS("not-a-class", HttpStatus.UNPROCESSABLE_CONTENT, "Not one of the model's classes"),
    ALBUM_IN_CUSTOM_MODEL("album-in-custom-model", HttpStatus.CONFLICT, "Album is a class of a custom model");

    public static final String TYPE_PREFIX = Problems.TYPE_PREFIX;

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    ProblemType(StatusProblem generic) {
        this(generic.slug(), generic.status(), generic.title());
    }

    /** The type of a bare status (web-support's table), or {@code null} when it has none. */
    static ProblemType forStatus(int status) {
        return StatusProblem.forStatus(status)
                .map(generic -> valueOf(generic.name()))
                .orElse(null);
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI type() {
        return Problems.type(slug);
    }
}
