package io.zoolens.api.classification;

import io.micrometer.core.instrument.MeterRegistry;
import io.zoolens.api.account.AccountDeleted;
import io.zoolens.api.account.GuestSignedIn;
import io.zoolens.api.account.Owner;
import io.zoolens.api.classification.Classification.Feedback;
import io.zoolens.api.classification.Classification.Status;
import io.zoolens.api.classifier.ClassifierClient;
import io.zoolens.api.classifier.ClassifierClient.Classified;
import io.zoolens.api.classifier.ClassifierRejectedException;
import io.zoolens.api.classifier.ClassifierUnavailableException;
import io.zoolens.api.classifier.ModelCatalog;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import io.zoolens.image.ImageDecoder;
import io.zoolens.web.RequestIdFilter;
import io.zoolens.web.UploadProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Uploads, feedback, filing and removal of classifications. */
@Service
class ClassificationService {

    private static final Logger log = LoggerFactory.getLogger(ClassificationService.class);

    private final ClassificationRepository repository;
    private final ClassificationUpdates updates;
    private final ImageStore images;
    private final ImageDecoder decoder;
    private final UploadProperties upload;
    private final ClassifierClient classifier;
    private final ModelCatalog catalog;
    private final WorkerProperties worker;
    private final AlbumLookup albums;
    private final MeterRegistry meters;
    private final Clock clock;

    ClassificationService(
            ClassificationRepository repository,
            ClassificationUpdates updates,
            ImageStore images,
            ImageDecoder decoder,
            UploadProperties upload,
            ClassifierClient classifier,
            ModelCatalog catalog,
            WorkerProperties worker,
            AlbumLookup albums,
            MeterRegistry meters,
            Clock clock) {
        this.repository = repository;
        this.updates = updates;
        this.images = images;
        this.decoder = decoder;
        this.upload = upload;
        this.classifier = classifier;
        this.catalog = catalog;
        this.worker = worker;
        this.albums = albums;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Validates the image, then asks for its owner (which may make a new visitor a guest), asks the classifier and
     * stores image and result. When the classifier cannot answer now, the upload is stored as PENDING for the
     * worker; when it refuses the image for good, nothing is stored and its problem becomes ours.
     */
    Classification upload(
            Supplier<Owner> ownerOnceValid,
            byte[] bytes,
            String filename,
            String model,
            String albumId,
            Thresholds thresholds) {
        ValidatedImage image = ValidatedImage.of(bytes, decoder, upload.thumbnailEdge());
        Owner owner = ownerOnceValid.get();
        if (albumId != null && !albums.exists(albumId, owner.id())) {
            throw ApiException.invalidField("albumId", "no such album");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Classification item = Classification.uploaded(
                owner.id(), now, filename, model, thresholds, albumId, MDC.get(RequestIdFilter.MDC_KEY));
        Classification toSave;
        try {
            Classified classified = classifier.classify(bytes, model != null ? model : catalog.defaultModel());
            toSave = ClassificationUpdates.withResult(
                    item, classified, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        } catch (ClassifierUnavailableException e) {
            log.warn("classifier unavailable ({}); keeping the upload as PENDING", e.getMessage());
            toSave = item.retryAt(now.plus(worker.backoffAfter(item.attempts())));
        } catch (ClassifierRejectedException e) {
            meters.counter("zoolens.classifications", "outcome", "refused").increment();
            throw refused(e);
        }
        Classification saved = store(toSave, image);
        meters.counter(
                        "zoolens.classifications",
                        "outcome",
                        saved.status().name().toLowerCase())
                .increment();
        return saved;
    }

    private Classification store(Classification item, ValidatedImage image) {
        Classification.StoredImage stored = images.store(image);
        Classification saved = repository.insert(item.withImage(stored));
        if (!images.exists(stored)) {
            // A concurrent delete removed the shared files between our lookup and our insert: store anew.
            Classification.StoredImage again = images.store(image);
            updates.replaceImage(saved.id(), again);
            saved = saved.withImage(again);
        }
        return saved;
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

    Classification get(Owner owner, String id) {
        return repository
                .findByIdAndOwnerId(id, owner.id())
                .orElseThrow(() -> ApiException.notFound("classification", id));
    }

    Classification giveFeedback(Owner owner, String id, boolean correct, String label) {
        Classification item = get(owner, id);
        if (item.status() != Status.DONE) {
            throw new ApiException(
                    ProblemType.NOT_CLASSIFIED, "Feedback needs a classified item; this one is " + item.status() + ".");
        }
        // On an item where nothing was recognised, {"correct": false, "label": "orange"} answers "What is it?" and
        // {"correct": true} means "right, nothing here"; the stats keep both apart from the accuracy.
        String corrected = correct || label == null || label.isBlank() ? null : label.trim();
        Feedback feedback = new Feedback(correct, corrected, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        List<String> keys = LabelKeys.of(item.reading(item.ownThresholds()).labels(), corrected);
        return updates.setFeedback(id, owner.id(), feedback, keys)
                .orElseThrow(() -> ApiException.notFound("classification", id));
    }

    Classification file(Owner owner, String id, String albumId) {
        get(owner, id);
        if (albumId != null && !albums.exists(albumId, owner.id())) {
            throw ApiException.invalidField("albumId", "no such album");
        }
        return updates.setAlbum(id, owner.id(), albumId).orElseThrow(() -> ApiException.notFound("classification", id));
    }

    void delete(Owner owner, String id) {
        remove(get(owner, id));
    }

    /** Removes an item and, when no other item shares them, its image files. */
    void remove(Classification item) {
        repository.deleteById(item.id());
        if (item.image() != null
                && !repository.existsByImageOriginalFileId(item.image().originalFileId())) {
            images.delete(item.image());
        }
    }

    @EventListener
    void onGuestSignedIn(GuestSignedIn event) {
        long moved = updates.moveOwner(event.guestId(), event.userId());
        log.info("moved {} guest classification(s) to account {}", moved, event.userId());
    }

    @EventListener
    void onAccountDeleted(AccountDeleted event) {
        repository.findByOwnerId(event.userId()).forEach(this::remove);
    }
}
