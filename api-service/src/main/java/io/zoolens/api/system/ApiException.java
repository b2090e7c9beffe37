package io.zoolens.api.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A refusal the API answers with a problem of a known {@link ProblemType}; rendered once, in
 * {@link ProblemDetailsAdvice}. The detail is a sentence for people and never carries internals.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType problemType;
    private final transient Map<String, Object> properties;
    private final Duration retryAfter;

    public ApiException(ProblemType problemType, String detail) {
        this(problemType, detail, Map.of(), null);
    }

    public ApiException(ProblemType problemType, String detail, Map<String, Object> properties, Duration retryAfter) {
        super(detail);
        this.problemType = problemType;
        this.properties = Map.copyOf(properties);
        this.retryAfter = retryAfter;
    }

    /** The one answer for a missing item and for another owner's item alike. */
    public static ApiException notFound(String what, String id) {
        return new ApiException(ProblemType.NOT_FOUND, "No " + what + " with id " + id + ".");
    }

    /** A 400 {@code validation-failed} naming one offending field. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(
                ProblemType.VALIDATION_FAILED,
                "The request has invalid fields.",
                Map.of("errors", List.of(new FieldProblem(field, message))),
                null);
    }

    /** A 429 {@code rate-limited}; {@code retryAfterSeconds} repeats the {@code Retry-After} header for scripts. */
    public static ApiException rateLimited(String detail, Duration retryAfter) {
        return new ApiException(
                ProblemType.RATE_LIMITED, detail, Map.of("retryAfterSeconds", seconds(retryAfter)), retryAfter);
    }

    /** A 429 of a fixed-window limit ({@code rate-limited} or {@code guest-limit-reached}) that states the limit. */
    public static ApiException overLimit(
            ProblemType type, String detail, RateLimiter.Limit limit, Duration retryAfter) {
        return new ApiException(
                type,
                detail,
                Map.of(
                        "limit", limit.max(),
                        "windowSeconds", limit.window().toSeconds(),
                        "retryAfterSeconds", seconds(retryAfter)),
                retryAfter);
    }

    /** Whole seconds for {@code Retry-After}: rounded up (a client that waits that long is not refused again), ≥ 1. */
    public static long seconds(Duration retryAfter) {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    public ProblemType problemType() {
        return problemType;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** For 429: when to try again; {@code null} otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** One entry of a {@code validation-failed} problem's {@code errors} list. */
    public record FieldProblem(String field, String message) {}
}
