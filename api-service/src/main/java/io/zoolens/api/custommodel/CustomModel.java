package io.zoolens.api.custommodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An account's own model: its classes are albums (a class's label is the album's name when a version is trained),
 * trained on a backbone into versions the classifier serves from the folder {@link #folder()}.
 *
 * @param nameKey the name as it must be unique per owner: trimmed, lower case (unique index)
 * @param versions the versions kept, oldest first; at most {@code zoolens.custom-models.kept-versions}
 * @param activeVersion the version uploads use by default; a new version becomes active when trained
 * @param activeJobId the QUEUED or RUNNING training, {@code null} when none: set atomically, so a model never has
 *     two at once
 */
@Document("customModels")
public record CustomModel(
        @Id String id,
        String ownerId,
        String name,
        String nameKey,
        List<String> albumIds,
        String backbone,
        List<ModelVersion> versions,
        String activeVersion,
        String activeJobId,
        Instant createdAt,
        Instant updatedAt) {

    /** The prefix of every custom model folder; plain model names never start with it. */
    public static final String FOLDER_PREFIX = "u-";

    public CustomModel {
        albumIds = albumIds == null ? List.of() : List.copyOf(albumIds);
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** The classifier's folder of this model: {@code u-<ownerId>-<modelId>}. */
    public String folder() {
        return folder(ownerId, id);
    }

    public static String folder(String ownerId, String modelId) {
        return FOLDER_PREFIX + ownerId + "-" + modelId;
    }

    public Optional<ModelVersion> version(String number) {
        return versions.stream().filter(v -> v.version().equals(number)).findFirst();
    }

    /** The newest version (the highest number kept), the one feedback examples are counted from. */
    public Optional<ModelVersion> newestVersion() {
        return versions.stream().max(Comparator.comparing(ModelVersion::number));
    }

    /** With {@code added} as the newest, active version. */
    CustomModel withVersion(ModelVersion added, Instant now) {
        List<ModelVersion> all = new ArrayList<>(versions);
        all.removeIf(v -> v.version().equals(added.version()));
        all.add(added);
        all.sort(Comparator.comparing(ModelVersion::number));
        return new CustomModel(
                id, ownerId, name, nameKey, albumIds, backbone, all, added.version(), activeJobId, createdAt, now);
    }

    /**
     * One trained version.
     *
     * @param classes the classes it was trained on, as they were then (album id, label, picture count)
     * @param accuracy cross-validated accuracy (0–1), {@code null} when the classifier gave none
     * @param confusion cross-validated counts, row = actual, column = predicted, in {@code confusionLabels} order;
     *     {@code null} in versions trained before it was kept
     * @param misclassified the pictures (classification ids) cross-validation got wrong, at most
     *     {@link #MAX_MISCLASSIFIED}
     * @param picturesAt when the training read the albums: feedback examples given later are not in this version
     *     ({@code null} in versions from before: {@code createdAt})
     */
    public record ModelVersion(
            String version,
            Instant createdAt,
            String jobId,
            String backbone,
            String backboneVersion,
            int pictures,
            List<VersionClass> classes,
            Double accuracy,
            String method,
            Integer folds,
            List<ClassFigures> perClass,
            long trainingMillis,
            List<String> confusionLabels,
            List<List<Integer>> confusion,
            List<Misclassified> misclassified,
            Instant picturesAt) {

        /** Enough for a page of thumbnails; keeps a model's document far from MongoDB's 16 MB. */
        public static final int MAX_MISCLASSIFIED = 500;

        /** When the pictures of this version were read. */
        public Instant examplesBefore() {
            return picturesAt == null ? createdAt : picturesAt;
        }

        long number() {
            try {
                return Long.parseLong(version);
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
    }

    public record Misclassified(String pictureId, String actual, String predicted) {}

    public record VersionClass(String albumId, String label, int pictures) {}

    public record ClassFigures(String label, Integer support, Double precision, Double recall, Double f1) {}
}
