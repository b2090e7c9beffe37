package io.zoolens.api.classifier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.zoolens.api.classifier.ClassifierApi.ClassifyAnswer;
import io.zoolens.api.classifier.ClassifierApi.ModelDescription;
import io.zoolens.api.classifier.ClassifierApi.ModelList;
import io.zoolens.api.classifier.ClassifierApi.Problem;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Calls the classifier-service ({@code docs/classifier-api.md}). Every call either answers, or throws
 * {@link ClassifierRejectedException} (a final 4xx) or {@link ClassifierUnavailableException} (try later).
 */
@Component
public class ClassifierClient {

    private final RestClient rest;
    private final CircuitBreaker breaker;
    private final RetryTemplate retry;
    private final ClassifierProperties properties;

    ClassifierClient(
            RestClient classifierRestClient,
            CircuitBreaker classifierCircuitBreaker,
            RetryTemplate classifierRetryTemplate,
            ClassifierProperties properties) {
        this.rest = classifierRestClient;
        this.breaker = classifierCircuitBreaker;
        this.retry = classifierRetryTemplate;
        this.properties = properties;
    }

    /**
     * Classifies raw image bytes with the named model, asking for every label score ({@code topK}, {@code
     * minScore}); also measures the round trip. The answer comes in Zoolens's own types.
     */
    public Classified classify(byte[] image, String model) {
        return classify(image, model, null);
    }

    /** As {@link #classify(byte[], String)}, with one version of the model ({@code null}: its active one). */
    public Classified classify(byte[] image, String model, String version) {
        return call("classify", () -> {
            long started = System.nanoTime();
            ClassifyAnswer answer = rest.post()
                    .uri(uri -> uri.path("/v1/models/{name}:classify")
                            .queryParam("topK", properties.topK())
                            .queryParam("minScore", minScore())
                            .queryParamIfPresent("version", java.util.Optional.ofNullable(version))
                            .build(model))
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .body(image)
                    .retrieve()
                    .body(ClassifyAnswer.class);
            if (answer == null || answer.model() == null) {
                throw new ClassifierUnavailableException("the classifier answered without a result", false, null);
            }
            return classified(answer, (System.nanoTime() - started) / 1_000_000.0);
        });
    }

    /** The one mapping from the classifier's wire records to Zoolens's own types. */
    static Classified classified(ClassifyAnswer answer, double roundTripMs) {
        ClassifierApi.ModelRef model = answer.model();
        ClassifierApi.Timings stages = answer.timings();
        return new Classified(
                new ModelUsed(model.name(), model.version(), model.task()),
                answer.labels() == null
                        ? List.of()
                        : answer.labels().stream()
                                .map(label -> new LabelScore(label.label(), label.score()))
                                .toList(),
                answer.objects() == null
                        ? List.of()
                        : answer.objects().stream()
                                .map(ClassifierClient::detection)
                                .toList(),
                stages == null
                        ? new Timings(null, null, null, roundTripMs)
                        : new Timings(stages.decodeMs(), stages.preprocessMs(), stages.inferenceMs(), roundTripMs),
                Boolean.TRUE.equals(answer.unknown()),
                rejection(answer.reject()));
    }

    private static Rejection rejection(ClassifierApi.Reject reject) {
        if (reject == null) {
            return null;
        }
        return new Rejection(
                reject.reasons(),
                reject.similarity(),
                reject.minSimilarity(),
                reject.probability() == null ? 0 : reject.probability(),
                reject.minProbability());
    }

    private static Detection detection(ClassifierApi.DetectedObject object) {
        ClassifierApi.Box box = object.box();
        return new Detection(
                object.label(),
                object.score(),
                box == null ? null : new Detection.Box(box.x(), box.y(), box.width(), box.height()));
    }

    /** {@code 0} rather than {@code 0.0}: the query as a person would write it. */
    private String minScore() {
        double min = properties.minScore();
        return min == Math.rint(min) ? Long.toString((long) min) : Double.toString(min);
    }

    public ModelList models() {
        return call("models", () -> rest.get().uri("/v1/models").retrieve().body(ModelList.class));
    }

    public ModelDescription model(String name) {
        return call(
                "model",
                () -> rest.get().uri("/v1/models/{name}", name).retrieve().body(ModelDescription.class));
    }

    /** One call through the retry and the circuit breaker, its failures translated. */
    private <T> T call(String operation, Supplier<T> request) {
        return retried(operation, () -> breaker.executeSupplier(() -> translated(request)));
    }

    /**
     * One call through the retry only, its failures translated: ClassifierTraining's calls. A features call runs
     * for seconds; through the breaker it took the few probes a half-open circuit allows, and an upload right after
     * a classifier restart was kept PENDING although the classifier answered again. The training runner paces its
     * own attempts (TrainingProperties), so a breaker adds nothing there.
     */
    <T> T callWithoutBreaker(String operation, Supplier<T> request) {
        return retried(operation, () -> translated(request));
    }

    private <T> T retried(String operation, Supplier<T> attempt) {
        try {
            return retry.execute(new Retryable<T>() {
                @Override
                public T execute() {
                    return attempt.get();
                }

                @Override
                public String getName() {
                    return "classifier " + operation;
                }
            });
        } catch (RetryException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ClassifierRejectedException rejected) {
                throw rejected;
            }
            if (cause instanceof ClassifierUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof CallNotPermittedException) {
                throw new ClassifierUnavailableException("the classifier circuit is open", false, cause);
            }
            throw new ClassifierUnavailableException("classifier call failed: " + cause, false, cause);
        }
    }

    private static <T> T translated(Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                Problem problem = problem(e);
                throw new ClassifierRejectedException(status, slug(problem), problem.title(), problem.detail());
            }
            throw new ClassifierUnavailableException("the classifier answered " + status, true, e);
        } catch (ResourceAccessException e) {
            boolean timedOut = hasCause(e, HttpTimeoutException.class) || hasCause(e, SocketTimeoutException.class);
            throw new ClassifierUnavailableException(
                    timedOut ? "the classifier did not answer in time" : "the classifier cannot be reached",
                    !timedOut,
                    e);
        } catch (RestClientException e) {
            throw new ClassifierUnavailableException("unreadable classifier answer", false, e);
        }
    }

    private static Problem problem(RestClientResponseException e) {
        try {
            Problem problem = e.getResponseBodyAs(Problem.class);
            if (problem != null) {
                return problem;
            }
        } catch (RuntimeException ignored) {
            // not a problem document; fall through
        }
        return new Problem(null, e.getStatusText(), e.getStatusCode().value(), "The classifier refused the image.");
    }

    private static String slug(Problem problem) {
        String type = problem.type();
        if (type == null || type.isBlank()) {
            return "classifier-refused";
        }
        return type.substring(type.lastIndexOf('/') + 1);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
