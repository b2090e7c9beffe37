package io.zoolens.api.custommodel;

import io.zoolens.api.custommodel.CurrentTraining.TrainingSummary;
import io.zoolens.api.custommodel.CustomModel.ClassFigures;
import io.zoolens.api.custommodel.CustomModel.Misclassified;
import io.zoolens.api.custommodel.CustomModel.ModelVersion;
import io.zoolens.api.custommodel.CustomModel.VersionClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A custom model as the API shows it.
 *
 * @param classes the albums that are its classes now, with their current names (a deleted album: name {@code null})
 * @param versions oldest first, each with its figures and the classes it was trained on
 * @param currentTraining the QUEUED or RUNNING training, {@code null} when none
 * @param newExamples feedback examples given since the newest version read its pictures (all of them before the
 *     first version): what a retraining would add ({@code GET /api/custom-models/{id}/examples})
 */
record CustomModelResponse(
        String id,
        String name,
        String backbone,
        List<ModelClass> classes,
        String activeVersion,
        List<VersionResponse> versions,
        TrainingSummary currentTraining,
        long newExamples,
        Instant createdAt,
        Instant updatedAt) {

    static CustomModelResponse of(
            CustomModel model, Map<String, String> albumNames, TrainingSummary training, long newExamples) {
        return new CustomModelResponse(
                model.id(),
                model.name(),
                model.backbone(),
                model.albumIds().stream()
                        .map(id -> new ModelClass(id, albumNames.get(id)))
                        .toList(),
                model.activeVersion(),
                model.versions().stream().map(VersionResponse::of).toList(),
                training,
                newExamples,
                model.createdAt(),
                model.updatedAt());
    }

    record ModelClass(String albumId, String name) {}

    /**
     * @param metrics cross-validated figures: accuracy (0–1), how they were measured ({@code method}, {@code
     *     folds}) and per class
     */
    record VersionResponse(
            String version,
            Instant createdAt,
            String backbone,
            String backboneVersion,
            int pictures,
            List<VersionClass> classes,
            Metrics metrics,
            long trainingMillis) {

        static VersionResponse of(ModelVersion version) {
            return new VersionResponse(
                    version.version(),
                    version.createdAt(),
                    version.backbone(),
                    version.backboneVersion(),
                    version.pictures(),
                    version.classes() == null ? List.of() : version.classes(),
                    new Metrics(
                            version.accuracy(),
                            version.method(),
                            version.folds(),
                            version.perClass() == null ? List.of() : version.perClass(),
                            orEmpty(version.confusionLabels()),
                            orEmpty(version.confusion()),
                            orEmpty(version.misclassified())),
                    version.trainingMillis());
        }
    }

    /**
     * @param confusion cross-validated counts: row = actual, column = predicted, in {@code confusionLabels} order
     *     (empty for versions trained before they were kept)
     * @param misclassified the pictures cross-validation got wrong; {@code pictureId} is the classification's id
     *     (its thumbnail may be gone since: 404)
     */
    record Metrics(
            Double accuracy,
            String method,
            Integer folds,
            List<ClassFigures> perClass,
            List<String> confusionLabels,
            List<List<Integer>> confusion,
            List<Misclassified> misclassified) {}

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
