package io.zoolens.api.classification;

import io.micrometer.core.instrument.MeterRegistry;
import io.zoolens.api.account.Owner;
import io.zoolens.web.RequestIdFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/** An upload from bytes to a stored classification; also the album import's way in (one picture at a time). */
@Component
public class UploadIntake {

    private final UploadChecks checks;
    private final ClassifierCall classifier;
    private final ClassificationStore store;
    private final MeterRegistry meters;
    private final Clock clock;

    UploadIntake(
            UploadChecks checks,
            ClassifierCall classifier,
            ClassificationStore store,
            MeterRegistry meters,
            Clock clock) {
        this.checks = checks;
        this.classifier = classifier;
        this.store = store;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Validates the image, then asks for its owner (which may make a new visitor a guest), asks the classifier and
     * stores image and result. When the classifier cannot answer now, the upload is stored as PENDING for the
     * worker; when it refuses the image for good, nothing is stored and its problem becomes ours.
     */
    public Classification upload(
            Supplier<Owner> ownerOnceValid,
            byte[] bytes,
            String filename,
            String model,
            String albumId,
            Thresholds thresholds) {
        ValidatedImage image = checks.image(bytes);
        Owner owner = ownerOnceValid.get();
        checks.album(albumId, owner.id());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Classification item = Classification.uploaded(
                owner.id(), now, filename, model, thresholds, albumId, MDC.get(RequestIdFilter.MDC_KEY));
        Classification saved = store.insert(classifier.classify(item, bytes), image);
        meters.counter(
                        "zoolens.classifications",
                        "outcome",
                        saved.status().name().toLowerCase())
                .increment();
        return saved;
    }
}
