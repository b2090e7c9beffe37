package io.zoolens.classifier.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.zoolens.classifier.catalog.ModelNotFoundException;
import io.zoolens.classifier.catalog.ModelNotReadyException;
import io.zoolens.classifier.catalog.ModelVersionNotFoundException;
import io.zoolens.classifier.classify.InferenceFailedException;
import io.zoolens.classifier.runtime.ModelBusyException;
import io.zoolens.classifier.runtime.ModelOverloadedException;
import io.zoolens.classifier.training.FeaturesMissingException;
import io.zoolens.classifier.training.ImagePartRejectedException;
import io.zoolens.classifier.training.InvalidNameException;
import io.zoolens.classifier.training.ModelsFolderReadOnlyException;
import io.zoolens.classifier.training.NotABackboneException;
import io.zoolens.classifier.training.TrainingBusyException;
import io.zoolens.classifier.training.VersionReplacedException;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageRejectedException;
import io.zoolens.training.job.TrainingRefusedException;
import io.zoolens.web.Problems;
import io.zoolens.web.StatusProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The service's one error handler: every failure leaves as RFC 9457 problem+json with a stable
 * {@code type}; nothing internal (stack traces, paths, class names) reaches the client.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final MeterRegistry meters;
    private final ImageDecoder decoder;

    ProblemHandler(MeterRegistry meters, ImageDecoder decoder) {
        this.meters = meters;
        this.decoder = decoder;
    }

    /** Refusals of the shared decoding path, with their extension members (the limit that was exceeded). */
    @ExceptionHandler(ImageRejectedException.class)
    ResponseEntity<Object> imageRejected(ImageRejectedException e, WebRequest request) {
        return answer(Problems.imageRejected(e), request);
    }

    /** A features request's part the decoder refused: its problem, plus which part (0-based). */
    @ExceptionHandler(ImagePartRejectedException.class)
    ResponseEntity<Object> imagePartRejected(ImagePartRejectedException e, WebRequest request) {
        ProblemDetail problem = Problems.imageRejected(e.rejection());
        problem.setDetail(e.getMessage());
        problem.setProperty("part", e.part());
        return answer(problem, request);
    }

    /** The classes cannot give an honest model: the stable reason, and pictures that are in two classes. */
    @ExceptionHandler(TrainingRefusedException.class)
    ResponseEntity<Object> trainingRefused(TrainingRefusedException e, WebRequest request) {
        ProblemDetail problem = Problems.problem(
                HttpStatus.UNPROCESSABLE_CONTENT, "training-refused", "Training refused", e.getMessage());
        problem.setProperty("reason", e.reason().name());
        problem.setProperty("conflicts", e.conflicts());
        return answer(problem, request);
    }

    @ExceptionHandler(FeaturesMissingException.class)
    ResponseEntity<Object> featuresMissing(FeaturesMissingException e, WebRequest request) {
        ProblemDetail problem =
                Problems.problem(HttpStatus.CONFLICT, "features-missing", "Features missing", e.getMessage());
        problem.setProperty("missing", e.missing());
        return answer(problem, request);
    }

    /** A late deletion of a version whose number another training wrote again since: that one stays. */
    @ExceptionHandler(VersionReplacedException.class)
    ResponseEntity<Object> versionReplaced(VersionReplacedException e, WebRequest request) {
        ProblemDetail problem =
                Problems.problem(HttpStatus.CONFLICT, "version-replaced", "Version replaced", e.getMessage());
        problem.setProperty("version", e.version());
        return answer(problem, request);
    }

    @ExceptionHandler(InvalidNameException.class)
    ResponseEntity<Object> invalidName(InvalidNameException e, WebRequest request) {
        ProblemDetail problem =
                Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-name", "Invalid name", e.getMessage());
        problem.setProperty("field", e.field());
        return answer(problem, request);
    }

    @ExceptionHandler(NotABackboneException.class)
    ResponseEntity<Object> notABackbone(NotABackboneException e, WebRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "not-a-backbone", "Not a backbone", e.getMessage(), request);
    }

    @ExceptionHandler(ModelsFolderReadOnlyException.class)
    ResponseEntity<Object> readOnly(ModelsFolderReadOnlyException e, WebRequest request) {
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "models-folder-read-only",
                "Models folder read-only",
                e.getMessage(),
                request);
    }

    @ExceptionHandler(TrainingBusyException.class)
    ResponseEntity<Object> trainingBusy(TrainingBusyException e, WebRequest request) {
        return retryLater(
                problem(HttpStatus.SERVICE_UNAVAILABLE, "training-busy", "Training busy", e.getMessage(), request));
    }

    @ExceptionHandler(ModelNotFoundException.class)
    ResponseEntity<Object> modelNotFound(ModelNotFoundException e, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "model-not-found", "Model not found", e.getMessage(), request);
    }

    @ExceptionHandler(ModelVersionNotFoundException.class)
    ResponseEntity<Object> versionNotFound(ModelVersionNotFoundException e, WebRequest request) {
        return problem(
                HttpStatus.NOT_FOUND, "model-version-not-found", "Model version not found", e.getMessage(), request);
    }

    @ExceptionHandler(ModelBusyException.class)
    ResponseEntity<Object> busy(ModelBusyException e, WebRequest request) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "model-busy", "Model busy", e.getMessage(), request));
    }

    @ExceptionHandler(ModelOverloadedException.class)
    ResponseEntity<Object> overloaded(ModelOverloadedException e, WebRequest request) {
        return retryLater(problem(
                HttpStatus.SERVICE_UNAVAILABLE, "model-overloaded", "Model overloaded", e.getMessage(), request));
    }

    @ExceptionHandler(ModelNotReadyException.class)
    ResponseEntity<Object> notReady(ModelNotReadyException e, WebRequest request) {
        return retryLater(
                problem(HttpStatus.SERVICE_UNAVAILABLE, "model-not-ready", "Model not ready", e.getMessage(), request));
    }

    private static ResponseEntity<Object> retryLater(ResponseEntity<Object> problem) {
        return ResponseEntity.status(problem.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(problem.getBody());
    }

    @ExceptionHandler(InferenceFailedException.class)
    ResponseEntity<Object> inferenceFailed(InferenceFailedException e, WebRequest request) {
        log.error("{}", e.getMessage(), e.getCause());
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "inference-failed", "Inference failed", e.getMessage(), request);
    }

    /**
     * A multipart body the container could not parse (no boundary, cut short, a NUL in a file name): 400, or 413
     * when a size limit stopped it. Spring MVC maps only the size limit itself.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> unreadableMultipart(MultipartException e, WebRequest request) {
        if (Problems.isSizeLimit(e) || Problems.isCountLimit(e)) {
            return imageRejected(decoder.oversized(), request);
        }
        return problem(StatusProblem.VALIDATION_FAILED, "The multipart request could not be read", request);
    }

    /** Query parameters the container cannot decode ({@code topK=%FF}) or the binder cannot bind. */
    @ExceptionHandler({InvalidParameterException.class, InvalidPropertyException.class})
    ResponseEntity<Object> malformedParameters(Exception e, WebRequest request) {
        return problem(StatusProblem.VALIDATION_FAILED, "The request has malformed parameters", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error", e);
        return problem(
                StatusProblem.INTERNAL_ERROR,
                "Something went wrong on our side; the request id in the logs tells us what.",
                request);
    }

    /** Spring's own exceptions: give each a Zoolens type instead of about:blank. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
        String slug = slugFor(ex, statusCode);
        problem.setType(Problems.type(slug));
        if (ex instanceof MaxUploadSizeExceededException) {
            ImageRejectedException oversized = decoder.oversized();
            problem.setTitle(oversized.reason().title());
            problem.setDetail(oversized.getMessage());
            oversized.properties().forEach(problem::setProperty);
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            problem.setDetail("Send the image as the raw body (any Content-Type, e.g. application/octet-stream)"
                    + " or as multipart/form-data part 'image'");
        }
        List<Map<String, String>> errors = fieldErrors(ex);
        if (!errors.isEmpty()) {
            problem.setTitle("Validation failed");
            problem.setDetail(errors.stream()
                    .map(error -> error.get("field") + " " + error.get("message"))
                    .collect(java.util.stream.Collectors.joining("; ")));
            problem.setProperty("errors", errors);
        }
        fillInstance(problem, request);
        meters.counter("zoolens.problems", "type", slug).increment();
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    /** The classifier takes only images, so any body too large is an image too large; the rest: the shared table. */
    private static String slugFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof MaxUploadSizeExceededException || status.value() == 413) {
            return ImageRejectedException.Reason.TOO_MANY_BYTES.slug();
        }
        return StatusProblem.slugFor(status.value());
    }

    private static List<Map<String, String>> fieldErrors(Exception ex) {
        if (ex instanceof HandlerMethodValidationException validation) {
            return validation.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream()
                            .map(error -> Map.of(
                                    "field", parameterName(result),
                                    "message", String.valueOf(error.getDefaultMessage()))))
                    .toList();
        }
        if (ex instanceof MethodArgumentNotValidException invalid) {
            return invalid.getFieldErrors().stream()
                    .map(error ->
                            Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                    .toList();
        }
        if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
            return List.of(Map.of(
                    "field",
                    mismatch.getName(),
                    "message",
                    "must be a "
                            + (mismatch.getRequiredType() == null
                                    ? "valid value"
                                    : mismatch.getRequiredType().getSimpleName().toLowerCase())));
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            return List.of(Map.of("field", missing.getParameterName(), "message", "is required"));
        }
        if (ex instanceof MissingServletRequestPartException missing) {
            return List.of(Map.of("field", missing.getRequestPartName(), "message", "is required"));
        }
        return List.of();
    }

    private static String parameterName(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name == null ? "parameter" : name;
    }

    private ResponseEntity<Object> problem(StatusProblem type, String detail, WebRequest request) {
        return problem(type.status(), type.slug(), type.title(), detail, request);
    }

    private ResponseEntity<Object> problem(
            HttpStatus status, String slug, String title, String detail, WebRequest request) {
        return answer(Problems.problem(status, slug, title, detail), request);
    }

    private ResponseEntity<Object> answer(ProblemDetail problem, WebRequest request) {
        fillInstance(problem, request);
        meters.counter("zoolens.problems", "type", slugOf(problem)).increment();
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static String slugOf(ProblemDetail problem) {
        return problem.getType().toString().substring(Problems.TYPE_PREFIX.length());
    }

    /** The request's path as {@code instance} and its {@code requestId}. */
    private static void fillInstance(ProblemDetail problem, WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest) {
            HttpServletRequest servletRequest = nativeRequest.getNativeRequest(HttpServletRequest.class);
            if (servletRequest != null) {
                Problems.about(problem, servletRequest);
            }
        }
    }
}
