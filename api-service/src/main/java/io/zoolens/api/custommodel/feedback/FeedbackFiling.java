package io.zoolens.api.custommodel.feedback;

import io.zoolens.api.classification.AlbumLookup;
import io.zoolens.api.classification.CustomModelFeedback;
import io.zoolens.api.custommodel.CustomModel;
import io.zoolens.api.custommodel.CustomModel.VersionClass;
import io.zoolens.api.custommodel.CustomModels;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Feedback that teaches: "correct" files the picture into the album of the class the model answered, "wrong, it
 * is Y" into the album of class Y. Classes are the model's albums now; a label is matched to an album's current
 * name, or to the label a version was trained with (the album renamed since), ignoring case.
 */
@Component
class FeedbackFiling implements CustomModelFeedback {

    private final CustomModels models;
    private final AlbumLookup albums;

    FeedbackFiling(CustomModels models, AlbumLookup albums) {
        this.models = models;
        this.albums = albums;
    }

    @Override
    public Optional<Filing> filing(
            String ownerId, String folder, String version, String predicted, boolean correct, String label) {
        Optional<CustomModel> found = models.inFolder(ownerId, folder);
        String named = correct ? predicted : label;
        if (found.isEmpty() || named == null || named.isBlank()) {
            return Optional.empty();
        }
        CustomModel model = found.get();
        Map<String, String> classes = albums.names(ownerId, model.albumIds());
        String albumId = byName(classes, named)
                .or(() -> byTrainedLabel(model, version, named, classes))
                .orElseThrow(() -> notAClass(named, correct, model, classes));
        return Optional.of(new Filing(model.id(), classes.get(albumId), albumId));
    }

    private static Optional<String> byName(Map<String, String> classes, String label) {
        String wanted = label.strip();
        return classes.entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(wanted))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The album a version trained {@code label} from, while it is still one of the model's classes. */
    private static Optional<String> byTrainedLabel(
            CustomModel model, String version, String label, Map<String, String> classes) {
        List<VersionClass> trained = model.version(version == null ? "" : version)
                .or(model::newestVersion)
                .map(CustomModel.ModelVersion::classes)
                .orElse(List.of());
        return trained.stream()
                .filter(c -> c.label() != null && c.label().equalsIgnoreCase(label.strip()))
                .map(VersionClass::albumId)
                .filter(classes::containsKey)
                .findFirst();
    }

    private static ApiException notAClass(
            String label, boolean correct, CustomModel model, Map<String, String> classes) {
        List<String> names = model.albumIds().stream()
                .map(classes::get)
                .filter(name -> name != null)
                .toList();
        String detail = correct
                ? "The answer \u201c" + label + "\u201d is no longer one of the model's classes (its album was removed"
                        + " or deleted); say which class it is instead."
                : "\u201c" + label + "\u201d is not one of the model's classes: " + String.join(", ", names) + ".";
        return new ApiException(ProblemType.NOT_A_CLASS, detail, Map.of("label", label, "classes", names), null);
    }
}
