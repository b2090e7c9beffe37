package io.zoolens.api.training;

import io.zoolens.api.classifier.TrainingOrder;
import io.zoolens.api.classifier.TrainingOrder.Picture;
import io.zoolens.api.classifier.TrainingOrder.TrainingClass;
import io.zoolens.api.custommodel.CustomModel;
import io.zoolens.api.custommodel.CustomModel.VersionClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A custom model's classes resolved for one training: per album its label (the album's name now) and its
 * distinct pictures.
 *
 * @param readAt when the albums were read: pictures filed later (feedback examples) are not in this training
 */
record TrainingPlan(CustomModel model, List<PlannedClass> classes, Instant readAt) {

    record PlannedClass(String albumId, String label, List<Picture> pictures) {}

    /** One picture id per SHA-256 over all classes (the classifier caches by content). */
    Map<String, String> pictureIdBySha() {
        Map<String, String> ids = new LinkedHashMap<>();
        classes.forEach(c -> c.pictures().forEach(p -> ids.putIfAbsent(p.sha256(), p.id())));
        return ids;
    }

    int pictureCount() {
        return classes.stream().mapToInt(c -> c.pictures().size()).sum();
    }

    /** Without the pictures of these SHA-256s (deleted while the features were computed). */
    TrainingPlan without(Set<String> gone) {
        List<PlannedClass> kept = new ArrayList<>();
        for (PlannedClass c : classes) {
            kept.add(new PlannedClass(
                    c.albumId(),
                    c.label(),
                    c.pictures().stream()
                            .filter(p -> !gone.contains(p.sha256()))
                            .toList()));
        }
        return new TrainingPlan(model, kept, readAt);
    }

    TrainingOrder order() {
        return new TrainingOrder(
                model.ownerId(),
                model.folder(),
                model.name(),
                model.backbone(),
                classes.stream()
                        .map(c -> new TrainingClass(c.label(), c.pictures()))
                        .toList());
    }

    List<VersionClass> versionClasses() {
        return classes.stream()
                .map(c -> new VersionClass(c.albumId(), c.label(), c.pictures().size()))
                .toList();
    }
}
