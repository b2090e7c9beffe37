package io.zoolens.api.system;

import io.zoolens.web.Problems;
import io.zoolens.web.StatusProblem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that never reached a controller (the servlet container's own refusals, an exception in a
 * filter) as problem+json too, instead of Spring Boot's default JSON or HTML error page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status =
                code instanceof Integer value ? HttpStatus.resolve(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemType known = status == HttpStatus.CONTENT_TOO_LARGE
                // the error dispatch keeps the original method; the original path is an attribute
                ? ProblemDetailsAdvice.tooLarge(
                        request.getMethod(), request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
                : ProblemType.forStatus(status.value());
        ProblemDetail problem = known == null
                ? Problems.problem(
                        status,
                        StatusProblem.slugFor(status.value()),
                        status.getReasonPhrase(),
                        status.getReasonPhrase())
                : Problems.problem(status, known.slug(), known.title(), detail(known));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            problem.setInstance(URI.create(path));
        }
        Problems.withRequestId(problem, request);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String detail(ProblemType type) {
        return switch (type) {
            case IMAGE_TOO_LARGE, REQUEST_TOO_LARGE -> ProblemDetailsAdvice.tooLargeDetail(type);
            // e.g. a path Spring Security's firewall refuses (an encoded "..", a ";" or a line break)
            case VALIDATION_FAILED -> "The request line, path or headers could not be read.";
            case INTERNAL_ERROR -> "Something went wrong on our side; the request id tells us where.";
            default -> type.title() + ".";
        };
    }
}
