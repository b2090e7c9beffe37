package io.zoolens.web;

import io.zoolens.image.ImageRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The problem+json rendering both services' error handlers build on: Zoolens type URIs, the shape of a problem,
 * the request's {@code instance} and {@code requestId}, and the image refusals of image-support. Each service keeps
 * its one error handler; what they share is here, the status table in {@link StatusProblem}.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "https://zoolens.io/problems/";

    private Problems() {}

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** A refusal of the shared decoding path, with its extension members (the limit that was exceeded). */
    public static ProblemDetail imageRejected(ImageRejectedException e) {
        ImageRejectedException.Reason reason = e.reason();
        ProblemDetail problem =
                problem(HttpStatusCode.valueOf(reason.status()), reason.slug(), reason.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** Adds the request's path as {@code instance} (unless one is set) and its {@code requestId}. */
    public static ProblemDetail about(ProblemDetail problem, HttpServletRequest request) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        return withRequestId(problem, request);
    }

    /** Adds the {@code requestId} that {@link RequestIdFilter} gave the request, if it ran. */
    public static ProblemDetail withRequestId(ProblemDetail problem, HttpServletRequest request) {
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    /**
     * Whether a multipart failure is a size limit of the container (the file part or the whole request), found by
     * name along the cause chain: Tomcat and Commons FileUpload throw their own, unrelated types.
     */
    public static boolean isSizeLimit(Throwable e) {
        return causeNamed(e, "SizeLimitExceeded") || causeNamed(e, "SizeException");
    }

    /** Whether a multipart failure is the container's limit on the number of parts. */
    public static boolean isCountLimit(Throwable e) {
        return causeNamed(e, "CountLimit");
    }

    private static boolean causeNamed(Throwable e, String part) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains(part)) {
                return true;
            }
        }
        return false;
    }
}
