package io.zoolens.api.training;

import io.zoolens.api.classification.AlbumLookup;
import io.zoolens.api.classification.TrainingPictures;
import io.zoolens.api.classifier.TrainingOrder.Picture;
import io.zoolens.api.custommodel.CustomModel;
import io.zoolens.api.custommodel.CustomModelProperties;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import io.zoolens.api.training.TrainingPlan.PlannedClass;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Resolves a model's albums into classes and checks them as the classifier would, so most bad input is refused
 * before it becomes a job: an album that is gone, an empty class, too few distinct pictures, a picture (by content)
 * in two classes, more pictures than the quota.
 */
@Component
class TrainingPlanner {

    private final AlbumLookup albums;
    private final TrainingPictures pictures;
    private final TrainingProperties properties;
    private final CustomModelProperties quotas;
    private final Clock clock;

    TrainingPlanner(
            AlbumLookup albums,
            TrainingPictures pictures,
            TrainingProperties properties,
            CustomModelProperties quotas,
            Clock clock) {
        this.albums = albums;
        this.pictures = pictures;
        this.properties = properties;
        this.quotas = quotas;
        this.clock = clock;
    }

    /** The plan, or an {@link ApiException} ({@code album-not-found}, {@code training-refused}, {@code quota-exceeded}). */
    TrainingPlan plan(CustomModel model) {
        Map<String, String> names = existingAlbums(model);
        if (model.albumIds().size() < 2) {
            throw refused("TOO_FEW_CLASSES", "A model needs at least 2 albums, one per class.", Map.of());
        }
        // Taken before the read, so an example filed during it counts as new rather than as trained on.
        Instant readAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, List<TrainingPictures.Picture>> byAlbum = pictures.byAlbum(model.ownerId(), model.albumIds());
        List<PlannedClass> classes = new ArrayList<>();
        for (String albumId : model.albumIds()) {
            Map<String, Picture> distinct = new LinkedHashMap<>();
            for (TrainingPictures.Picture p : byAlbum.getOrDefault(albumId, List.of())) {
                distinct.putIfAbsent(p.sha256(), new Picture(p.id(), p.sha256()));
            }
            classes.add(new PlannedClass(albumId, names.get(albumId), List.copyOf(distinct.values())));
        }
        TrainingPlan plan = new TrainingPlan(model, classes, readAt);
        check(plan);
        return plan;
    }

    /** The classifier's own checks, made here first; again after the features (albums or pictures may be gone). */
    void check(TrainingPlan plan) {
        existingAlbums(plan.model());
        for (PlannedClass c : plan.classes()) {
            if (c.pictures().isEmpty()) {
                throw refused(
                        "EMPTY_CLASS",
                        "Album \u201c" + c.label() + "\u201d has no pictures.",
                        Map.of("albumId", c.albumId()));
            }
            if (c.pictures().size() < properties.minPicturesPerClass()) {
                throw refused(
                        "TOO_FEW_PICTURES",
                        "Album \u201c" + c.label() + "\u201d has "
                                + c.pictures().size() + " distinct pictures; a class" + " needs at least "
                                + properties.minPicturesPerClass() + ".",
                        Map.of("albumId", c.albumId(), "minPictures", properties.minPicturesPerClass()));
            }
        }
        List<Map<String, Object>> conflicts = conflicts(plan);
        if (!conflicts.isEmpty()) {
            throw refused(
                    "PICTURE_IN_TWO_CLASSES",
                    "The same picture is in more than one of the model's albums; keep it in one.",
                    Map.of("conflicts", conflicts));
        }
        if (plan.pictureCount() > quotas.maxPictures()) {
            throw new ApiException(
                    ProblemType.QUOTA_EXCEEDED,
                    "The albums hold " + plan.pictureCount() + " pictures; a training takes at most "
                            + quotas.maxPictures() + ".",
                    Map.of("quota", "pictures", "limit", quotas.maxPictures()),
                    null);
        }
    }

    /** The names of the model's albums, by id; 422 album-not-found when one was deleted. */
    private Map<String, String> existingAlbums(CustomModel model) {
        Map<String, String> names = albums.names(model.ownerId(), model.albumIds());
        List<String> gone =
                model.albumIds().stream().filter(id -> !names.containsKey(id)).toList();
        if (!gone.isEmpty()) {
            throw new ApiException(
                    ProblemType.ALBUM_NOT_FOUND,
                    "Album " + String.join(", ", gone) + " of this model was deleted; change the model's albums.",
                    Map.of("albumIds", gone),
                    null);
        }
        return names;
    }

    private static List<Map<String, Object>> conflicts(TrainingPlan plan) {
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        for (PlannedClass c : plan.classes()) {
            for (Picture p : c.pictures()) {
                labels.computeIfAbsent(p.sha256(), k -> new LinkedHashSet<>()).add(c.label());
                ids.computeIfAbsent(p.sha256(), k -> new LinkedHashSet<>()).add(p.id());
            }
        }
        List<Map<String, Object>> conflicts = new ArrayList<>();
        labels.forEach((sha, in) -> {
            if (in.size() > 1) {
                conflicts.add(
                        Map.of("sha256", sha, "pictureIds", List.copyOf(ids.get(sha)), "labels", List.copyOf(in)));
            }
        });
        return conflicts;
    }

    private static ApiException refused(String reason, String detail, Map<String, Object> more) {
        Map<String, Object> properties = new LinkedHashMap<>(more);
        properties.put("reason", reason);
        return new ApiException(ProblemType.TRAINING_REFUSED, detail, properties, null);
    }
}
