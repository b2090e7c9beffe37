package io.zoolens.api.custommodel.feedback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.CurrentOwner;
import io.zoolens.api.classification.TrainingExamples;
import io.zoolens.api.classification.TrainingExamples.Example;
import io.zoolens.api.classification.TrainingExamples.Tally;
import io.zoolens.api.custommodel.CustomModel;
import io.zoolens.api.custommodel.CustomModel.ModelVersion;
import io.zoolens.api.custommodel.CustomModels;
import io.zoolens.api.system.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What feedback taught a custom model: the examples the next version will add, taking one back, and how each
 * version did on the feedback its answers got.
 */
@RestController
@RequestMapping("/api/custom-models/{id}")
@Tag(name = "custom models")
class ExamplesController {

    private final CustomModels models;
    private final TrainingExamples examples;
    private final CurrentOwner currentOwner;

    ExamplesController(CustomModels models, TrainingExamples examples, CurrentOwner currentOwner) {
        this.models = models;
        this.examples = examples;
        this.currentOwner = currentOwner;
    }

    @GetMapping("/examples")
    @Operation(
            summary = "Feedback examples given since the newest version read its pictures (all before the first"
                    + " version), newest first")
    ExamplesResponse listExamples(@PathVariable String id) {
        CustomModel model = models.get(ownerId(), id);
        Optional<ModelVersion> newest = model.newestVersion();
        List<Example> found = examples.since(
                model.ownerId(),
                model.id(),
                newest.map(ModelVersion::examplesBefore).orElse(null));
        return new ExamplesResponse(newest.map(ModelVersion::version).orElse(null), found);
    }

    @DeleteMapping("/examples/{pictureId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Take a feedback example back: the picture leaves the class album (back where it was filed"
                    + " before) and stays in History")
    void forgetExample(@PathVariable String id, @PathVariable String pictureId) {
        String owner = ownerId();
        models.get(owner, id);
        if (!examples.forget(owner, id, pictureId)) {
            throw ApiException.notFound("example", pictureId);
        }
    }

    @GetMapping("/version-stats")
    @Operation(summary = "Per kept version, oldest first: cross-validated accuracy beside the feedback its answers got")
    List<VersionStats> versionStats(@PathVariable String id) {
        CustomModel model = models.get(ownerId(), id);
        Map<String, Tally> feedback = examples.feedbackByVersion(model.ownerId(), model.folder());
        return model.versions().stream()
                .map(version -> VersionStats.of(version, feedback.getOrDefault(version.version(), new Tally(0, 0))))
                .toList();
    }

    private String ownerId() {
        // Custom models need an account (SecurityConfig); a guest never gets here.
        return currentOwner.userId().orElseThrow(() -> new IllegalStateException("custom models need an account"));
    }

    /**
     * @param sinceVersion the newest version, whose training the examples are not in; {@code null} before the first
     */
    record ExamplesResponse(String sinceVersion, List<Example> examples) {}

    /**
     * @param crossValidatedAccuracy the version's own figure from training, {@code null} when it has none
     * @param feedback how many answers of this version got feedback
     * @param correct how many of those were confirmed
     * @param feedbackAccuracy {@code correct / feedback}, {@code null} without feedback
     */
    record VersionStats(
            String version, Double crossValidatedAccuracy, long feedback, long correct, Double feedbackAccuracy) {

        static VersionStats of(ModelVersion version, Tally tally) {
            return new VersionStats(
                    version.version(),
                    version.accuracy(),
                    tally.feedback(),
                    tally.correct(),
                    tally.feedback() == 0 ? null : (double) tally.correct() / tally.feedback());
        }
    }
}
