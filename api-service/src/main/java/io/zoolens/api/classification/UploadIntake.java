package io.zoolens.api.classification;

import io.micrometer.core.instrument.MeterRegistry;
import io.zoolens.api.account.Owner;
import io.zoolens.api.system.ApiException;
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
    private final CustomModelLookup customModels;
    private final ClassifierCall classifier;
    private final ClassificationStore store;
    private final MeterRegistry meters;
    private final Clock clock;

    UploadIntake(
            UploadChecks checks,
            CustomModelLookup customModels,
            ClassifierCall classifier,
            ClassificationStore store,
            MeterRegistry meters,
            Clock clock) {
        this.checks = checks;
        this.customModels = customModels;
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
            ModelRequest model,
            String albumId,
            Thresholds thresholds) {
        checks.model(model);
        ValidatedImage image = checks.image(bytes);
        Owner owner = ownerOnceValid.get();
        checks.album(albumId, owner.id());
        CustomModelLookup.Choice choice = model.customModelId() == null
                ? new CustomModelLookup.Choice(model.model(), null)
                : customModel(owner, model);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Classification item = Classification.uploaded(
                        owner.id(),
                        now,
                        filename,
                        choice.folder(),
                        thresholds,
                        albumId,
                        MDC.get(RequestIdFilter.MDC_KEY))
                .forVersion(choice.version());
        Classification saved = store.insert(classifier.classify(item, image.modelInput()), image);
        meters.counter(
                        "zoolens.classifications",
                        "outcome",
                        saved.status().name().toLowerCase())
                .increment();
        return saved;
    }

    /** An account's own custom model; a guest has none, so it is not found. */
    private CustomModelLookup.Choice customModel(Owner owner, ModelRequest model) {
        if (owner.guest()) {
            throw ApiException.notFound("custom model", model.customModelId());
        }
        return customModels.resolve(owner.id(), model.customModelId(), model.modelVersion());
    }

    /**
     * Which model an upload asks for: a classifier model by name, or one of the owner's custom models (its active
     * version unless {@code modelVersion} names one); neither means the classifier's default.
     */
    public record ModelRequest(String model, String customModelId, String modelVersion) {

        /** The classifier's default model. */
        public static final ModelRequest DEFAULT = new ModelRequest(null, null, null);
    }
}
