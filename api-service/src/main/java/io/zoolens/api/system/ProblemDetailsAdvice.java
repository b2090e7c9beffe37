package io.zoolens.api.system;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageRejectedException;
import io.zoolens.web.Problems;
import io.zoolens.web.StatusProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * The one place that turns failures into RFC 9457 problems with Zoolens type URIs. Spring MVC's own exceptions
 * arrive through {@link ResponseEntityExceptionHandler}; Spring Security's are routed here by
 * {@link SecurityProblemHandlers}; anything unexpected becomes a 500 {@code internal-error} without internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** The one endpoint that takes images; a body too large for it is an image too large. */
    private static final String UPLOAD_PATH = "/api/classifications";

    /** Only for the limits of an upload that a container limit cut off before it reached the decoder. */
    private final ImageDecoder decoder;

    ProblemDetailsAdvice(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException ex, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (ex.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(ApiException.seconds(ex.retryAfter())));
        }
        return answer(ex.problemType(), ex.getMessage(), ex.properties(), headers, request);
    }

    @ExceptionHandler(ImageRejectedException.class)
    ResponseEntity<Object> imageRejected(ImageRejectedException ex, HttpServletRequest request) {
        return withInstance(Problems.imageRejected(ex), new HttpHeaders(), request);
    }

    /**
     * A multipart body the container could not parse (no boundary, cut short, a NUL in a file name): the client's
     * fault, so 400, or 413 when a size limit stopped it. Spring MVC maps only the size limit itself.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> unreadableMultipart(MultipartException ex, HttpServletRequest request) {
        if (Problems.isSizeLimit(ex)) {
            return tooLarge(new HttpHeaders(), request);
        }
        return answer(
                ProblemType.VALIDATION_FAILED,
                "The multipart request could not be read.",
                Map.of("errors", List.of()),
                new HttpHeaders(),
                request);
    }

    /**
     * Query parameters that cannot even be bound: a name the binder reads as a nested or indexed path
     * ({@code sort[$ne]=1}), or bytes the container cannot decode ({@code size=%FF}).
     */
    @ExceptionHandler({InvalidPropertyException.class, InvalidParameterException.class})
    ResponseEntity<Object> malformedParameters(Exception ex, HttpServletRequest request) {
        return answer(
                ProblemType.VALIDATION_FAILED,
                "The request has malformed parameters.",
                Map.of("errors", List.of()),
                new HttpHeaders(),
                request);
    }

    /** Bean validation outside Spring MVC's own parameter validation, listed like field errors. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        List<ApiException.FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(violation -> new ApiException.FieldProblem(
                        lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .toList();
        return answer(
                ProblemType.VALIDATION_FAILED,
                "The request has missing or invalid fields.",
                Map.of("errors", errors),
                new HttpHeaders(),
                request);
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @ExceptionHandler(CsrfException.class)
    ResponseEntity<Object> csrf(CsrfException ex, HttpServletRequest request) {
        return answer(
                ProblemType.CSRF_TOKEN_INVALID,
                "Send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header.",
                Map.of(),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException ex, HttpServletRequest request) {
        return answer(ProblemType.FORBIDDEN, "You may not do this.", Map.of(), new HttpHeaders(), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> notAuthenticated(AuthenticationException ex, HttpServletRequest request) {
        return answer(
                ProblemType.NOT_AUTHENTICATED,
                "Sign in first (POST /api/auth/login).",
                Map.of(),
                new HttpHeaders(),
                request);
    }

    /** MongoDB or Redis cannot be reached: 503 with Retry-After, never a 500 ({@link DependencyOutage}). */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        QueryTimeoutException.class,
        TransientDataAccessResourceException.class,
        MongoTimeoutException.class,
        MongoSocketException.class
    })
    ResponseEntity<Object> dependencyUnavailable(Exception ex, HttpServletRequest request) {
        DependencyOutage outage =
                DependencyOutage.of(ex).orElseGet(() -> new DependencyOutage(DependencyOutage.Dependency.DATABASE, ex));
        log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), outage.describe());
        return api(outage.asProblem(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) {
        if (DependencyOutage.of(ex).isPresent()) {
            return dependencyUnavailable(ex, request); // an outage wrapped in another exception
        }
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return answer(
                ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side; the request id tells us where.",
                Map.of(),
                new HttpHeaders(),
                request);
    }

    /** Gives Spring MVC's own problems (400, 404, 405, 413, 415, ...) Zoolens types and field lists. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpServletRequest servletRequest = ((ServletWebRequest) request).getRequest();
        if (ex instanceof MaxUploadSizeExceededException
                || ex instanceof MultipartException && Problems.isSizeLimit(ex)) {
            return tooLarge(headers, servletRequest);
        }
        List<ApiException.FieldProblem> errors = fieldProblems(ex);
        if (errors != null) {
            String detail = ex instanceof HttpMessageNotReadableException && errors.isEmpty()
                    ? "The request body is missing or is not valid JSON."
                    : "The request has missing or invalid fields.";
            return answer(ProblemType.VALIDATION_FAILED, detail, Map.of("errors", errors), headers, servletRequest);
        }
        ProblemType type = typeFor(ex, statusCode);
        if (type != null) {
            return answer(type, detailFor(ex, type), Map.of(), headers, servletRequest);
        }
        ProblemDetail problem = body instanceof ProblemDetail given ? given : ProblemDetail.forStatus(statusCode);
        problem.setType(Problems.type(StatusProblem.slugFor(statusCode.value())));
        return withInstance(problem, headers, servletRequest);
    }

    private ResponseEntity<Object> tooLarge(HttpHeaders headers, HttpServletRequest request) {
        ProblemType type = tooLarge(request.getMethod(), request.getRequestURI());
        if (type == ProblemType.IMAGE_TOO_LARGE) {
            return imageRejected(decoder.oversized(), request);
        }
        return answer(type, tooLargeDetail(type), Map.of(), headers, request);
    }

    /**
     * The 413 of a request cut off for its size: {@code image-too-large} for the upload, {@code request-too-large}
     * everywhere else (the gateway answers the same types for its own 413s).
     */
    static ProblemType tooLarge(String method, Object path) {
        return "POST".equals(method) && UPLOAD_PATH.equals(path)
                ? ProblemType.IMAGE_TOO_LARGE
                : ProblemType.REQUEST_TOO_LARGE;
    }

    static String tooLargeDetail(ProblemType type) {
        return type == ProblemType.IMAGE_TOO_LARGE
                ? "The upload is larger than this service accepts."
                : "The request body is larger than this service accepts.";
    }

    private static ProblemType typeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return ProblemType.NOT_FOUND;
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return ProblemType.METHOD_NOT_ALLOWED;
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return ProblemType.UNSUPPORTED_MEDIA_TYPE;
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return ProblemType.NOT_ACCEPTABLE;
        }
        if (ex instanceof MultipartException && status.value() == 400) {
            return ProblemType.VALIDATION_FAILED;
        }
        return null;
    }

    private static String detailFor(Exception ex, ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "No such resource.";
            case METHOD_NOT_ALLOWED ->
                "This resource does not accept " + ((HttpRequestMethodNotSupportedException) ex).getMethod() + ".";
            case UNSUPPORTED_MEDIA_TYPE -> "This resource does not accept that Content-Type.";
            case NOT_ACCEPTABLE -> "This resource cannot answer in the requested media type.";
            case VALIDATION_FAILED -> "The multipart request could not be read.";
            default -> type.title();
        };
    }

    /** The offending fields of a bad request, or {@code null} when the exception is not about fields. */
    private static List<ApiException.FieldProblem> fieldProblems(Exception ex) {
        List<ApiException.FieldProblem> errors = new ArrayList<>();
        if (ex instanceof MethodArgumentNotValidException invalid) {
            addBindingErrors(invalid.getBindingResult(), errors);
        } else if (ex instanceof HandlerMethodValidationException invalid) {
            invalid.getParameterValidationResults()
                    .forEach(result -> result.getResolvableErrors()
                            .forEach(error -> errors.add(new ApiException.FieldProblem(
                                    result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        } else if (ex instanceof MissingServletRequestPartException missing) {
            errors.add(new ApiException.FieldProblem(missing.getRequestPartName(), "is required"));
        } else if (ex instanceof MissingServletRequestParameterException missing) {
            errors.add(new ApiException.FieldProblem(missing.getParameterName(), "is required"));
        } else if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
            errors.add(new ApiException.FieldProblem(mismatch.getName(), "has the wrong type"));
        } else if (ex instanceof HttpMessageNotReadableException unreadable) {
            if (unreadable.getCause() instanceof JacksonException json
                    && !json.getPath().isEmpty()) {
                errors.add(new ApiException.FieldProblem(path(json), "has the wrong type or format"));
            }
        } else {
            return null;
        }
        return errors;
    }

    private static void addBindingErrors(BindingResult result, List<ApiException.FieldProblem> errors) {
        result.getFieldErrors()
                .forEach(error -> errors.add(new ApiException.FieldProblem(
                        error.getField(),
                        error.isBindingFailure() ? "has the wrong type" : error.getDefaultMessage())));
        result.getGlobalErrors()
                .forEach(error -> errors.add(new ApiException.FieldProblem(null, error.getDefaultMessage())));
    }

    private static String path(JacksonException json) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : json.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private ResponseEntity<Object> answer(
            ProblemType type,
            String detail,
            Map<String, Object> properties,
            HttpHeaders headers,
            HttpServletRequest request) {
        ProblemDetail problem = Problems.problem(type.status(), type.slug(), type.title(), detail);
        properties.forEach(problem::setProperty);
        return withInstance(problem, headers, request);
    }

    private static ResponseEntity<Object> withInstance(
            ProblemDetail problem, HttpHeaders headers, HttpServletRequest request) {
        problem.setInstance(URI.create(request.getRequestURI()));
        Problems.withRequestId(problem, request);
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
