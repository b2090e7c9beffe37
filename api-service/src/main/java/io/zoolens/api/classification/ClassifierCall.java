package io.zoolens.api.classification;

import io.micrometer.core.instrument.MeterRegistry;
import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.ClassifierClient;
import io.zoolens.api.classifier.ClassifierModelCache;
import io.zoolens.api.classifier.ClassifierRejectedException;
import io.zoolens.api.classifier.ClassifierUnavailableException;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Asking the classifier about an item, with the model it asked for or the default: at upload the item comes back
 * classified, kept PENDING for the worker, or refused for good; the worker takes the plain answer ({@link #ask}).
 */
@Component
class ClassifierCall {

    private static final Logger log = LoggerFactory.getLogger(ClassifierCall.class);

    private final ClassifierClient classifier;
    private final ClassifierModelCache models;
    private final WorkerProperties worker;
    private final MeterRegistry meters;
    private final Clock clock;

    ClassifierCall(
            ClassifierClient classifier,
            ClassifierModelCache models,
            WorkerProperties worker,
            MeterRegistry meters,
            Clock clock) {
        this.classifier = classifier;
        this.models = models;
        this.worker = worker;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * {@code item} with the classifier's result, or still PENDING when the classifier cannot answer now; an
     * {@link ApiException} when it refuses the image for good.
     */
    Classification classify(Classification item, ModelInput image) {
        try {
            return item.withResult(ask(item, image), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        } catch (ClassifierUnavailableException e) {
            log.warn("classifier unavailable ({}); keeping the upload as PENDING", e.getMessage());
            int attempts = item.worker().attempts();
            return item.retryAt(item.upload().createdAt().plus(worker.backoffAfter(attempts)));
        } catch (ClassifierRejectedException e) {
            meters.counter("zoolens.classifications", "outcome", "refused").increment();
            throw refused(e);
        }
    }

    /**
     * The classifier's answer for the model the upload asked for, or for the classifier's default, about the image
     * it is sent; its boxes in the original's upright pixels.
     */
    Classified ask(Classification item, ModelInput image) {
        String model = item.upload().requestedModel();
        return image.toOriginal(classifier.classify(
                image.bytes(),
                model != null ? model : models.defaultModel(),
                item.upload().requestedVersion()));
    }

    /** The classifier's final refusal, answered with its status and problem type. */
    static ApiException refused(ClassifierRejectedException e) {
        ProblemType known = null;
        for (ProblemType type : ProblemType.values()) {
            if (type.slug().equals(e.slug())) {
                known = type;
            }
        }
        if (known != null) {
            return new ApiException(known, e.getMessage() == null ? known.title() : e.getMessage());
        }
        HttpStatus status = HttpStatus.resolve(e.status());
        return new ApiException(
                ProblemType.VALIDATION_FAILED,
                "The classifier refused the image: " + e.getMessage(),
                Map.of("classifierStatus", status == null ? e.status() : status.value()),
                null);
    }
}
