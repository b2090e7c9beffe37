package io.zoolens.web;

import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The one status → problem-type table of both services: the type a bare HTTP status gets when nothing more specific
 * is known (Spring MVC's own refusals, the servlet container's error dispatch, Tomcat's error page). Each service
 * adds its own specific types (docs/api.md, docs/classifier-api.md); a status not listed here becomes {@code
 * http-<status>}, and every 5xx {@code internal-error}, because nothing internal may show.
 */
public enum StatusProblem {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed"),
    NOT_AUTHENTICATED(HttpStatus.UNAUTHORIZED, "not-authenticated", "Not signed in"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
    REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error");

    private final HttpStatus status;
    private final String slug;
    private final String title;

    StatusProblem(HttpStatus status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** The type of a bare status, if the table has one; any 5xx is {@link #INTERNAL_ERROR}. */
    public static Optional<StatusProblem> forStatus(int status) {
        if (status >= 500) {
            return Optional.of(INTERNAL_ERROR);
        }
        for (StatusProblem problem : values()) {
            if (problem.status.value() == status) {
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }

    /** The slug of a bare status: the table's, or {@code http-<status>}. */
    public static String slugFor(int status) {
        return forStatus(status).map(StatusProblem::slug).orElse("http-" + status);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public URI type() {
        return Problems.type(slug);
    }
}
