package io.zoolens.api.classification;

import io.zoolens.api.account.Owner;
import io.zoolens.api.classification.Classification.Feedback;
import io.zoolens.api.classification.Classification.Status;
import io.zoolens.api.classification.Classification.TrainingExample;
import io.zoolens.api.classification.CustomModelFeedback.Filing;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The owner's reads and changes of one classification: feedback, filing into an album, removal. */
@Component
class ClassificationEdits {

    private final ClassificationStore store;
    private final ClassificationUpdates updates;
    private final AlbumLookup albums;
    private final CustomModelFeedback teaching;
    private final Clock clock;

    ClassificationEdits(
            ClassificationStore store,
            ClassificationUpdates updates,
            AlbumLookup albums,
            CustomModelFeedback teaching,
            Clock clock) {
        this.store = store;
        this.updates = updates;
        this.albums = albums;
        this.teaching = teaching;
        this.clock = clock;
    }

    /** The owner's item; not found (404) for anyone else's. */
    Classification get(Owner owner, String id) {
        return store.get(owner, id);
    }

    Classification giveFeedback(Owner owner, String id, boolean correct, String label) {
        Classification item = store.get(owner, id);
        if (item.status() != Status.DONE) {
            throw new ApiException(
                    ProblemType.NOT_CLASSIFIED, "Feedback needs a classified item; this one is " + item.status() + ".");
        }
        // On an item where nothing was recognised, {"correct": false, "label": "orange"} answers "What is it?" and
        // {"correct": true} means "right, nothing here"; the stats keep both apart from the accuracy.
        String corrected = correct || label == null || label.isBlank() ? null : label.trim();
        Feedback feedback = new Feedback(correct, corrected, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        List<String> keys = LabelKeys.of(item.reading(item.ownThresholds()).labels(), corrected);
        Optional<Filing> filing = teaching.filing(
                owner.id(),
                item.upload().requestedModel(),
                item.outcome().model() == null ? null : item.outcome().model().version(),
                Boolean.TRUE.equals(item.outcome().unknown())
                        ? null
                        : item.outcome().topLabel(),
                correct,
                corrected);
        TrainingExample before = item.trainingExample();
        Optional<Classification> changed;
        if (filing.isPresent()) {
            // Feedback given again keeps where the item was before the first: that is where "remove" takes it.
            String previous = before == null ? item.albumId() : before.previousAlbumId();
            TrainingExample example = new TrainingExample(
                    filing.get().modelId(), filing.get().label(), filing.get().albumId(), feedback.givenAt(), previous);
            changed = updates.setFeedbackAndExample(id, owner.id(), feedback, keys, example);
        } else if (before != null) {
            // The new feedback names no class: the example it was would teach the model something it no longer says.
            changed = updates.forgetExample(
                    id,
                    owner.id(),
                    before,
                    () -> new Update().set("feedback", feedback).set("labelKeys", keys));
        } else {
            changed = updates.setFeedback(id, owner.id(), feedback, keys);
        }
        return changed.orElseThrow(() -> ApiException.notFound("classification", id));
    }

    Classification file(Owner owner, String id, String albumId) {
        store.get(owner, id);
        if (albumId != null && !albums.exists(albumId, owner.id())) {
            throw ApiException.invalidField("albumId", "no such album");
        }
        return updates.setAlbum(id, owner.id(), albumId).orElseThrow(() -> ApiException.notFound("classification", id));
    }

    void delete(Owner owner, String id) {
        store.remove(store.get(owner, id));
    }
}
