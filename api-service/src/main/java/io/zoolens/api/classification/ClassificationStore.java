package io.zoolens.api.classification;

import io.zoolens.api.account.AccountDeleted;
import io.zoolens.api.account.GuestSignedIn;
import io.zoolens.api.account.Owner;
import io.zoolens.api.system.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Classifications with their image files: stored, looked up for their owner, moved and removed together. */
@Component
class ClassificationStore {

    private static final Logger log = LoggerFactory.getLogger(ClassificationStore.class);

    private final ClassificationRepository repository;
    private final ClassificationUpdates updates;
    private final ImageStore images;

    ClassificationStore(ClassificationRepository repository, ClassificationUpdates updates, ImageStore images) {
        this.repository = repository;
        this.updates = updates;
        this.images = images;
    }

    /** Stores the image files (shared with earlier uploads of the same bytes) and inserts {@code item}. */
    Classification insert(Classification item, ValidatedImage image) {
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

    Classification get(Owner owner, String id) {
        return repository
                .findByIdAndOwnerId(id, owner.id())
                .orElseThrow(() -> ApiException.notFound("classification", id));
    }

    /** Removes an item and, when no other item shares them, its image files. */
    void remove(Classification item) {
        repository.deleteById(item.id());
        if (item.image() != null
                && !repository.existsByUploadImageOriginalFileId(item.image().originalFileId())) {
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
