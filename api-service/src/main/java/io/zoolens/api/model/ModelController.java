package io.zoolens.api.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.classifier.ClassifierApi.ModelDescription;
import io.zoolens.api.classifier.ClassifierModelCache;
import io.zoolens.api.classifier.ClassifierRejectedException;
import io.zoolens.api.classifier.ClassifierUnavailableException;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/models")
@Tag(name = "models")
class ModelController {

    private final ClassifierModelCache catalog;

    ModelController(ClassifierModelCache catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "The classifier's models with their labels, for a model picker")
    ModelsResponse models() {
        try {
            ClassifierModelCache.Catalog found = catalog.catalog();
            return new ModelsResponse(
                    found.defaultModel(),
                    found.models().stream().map(ModelResponse::of).toList());
        } catch (ClassifierUnavailableException | ClassifierRejectedException e) {
            throw new ApiException(
                    ProblemType.CLASSIFIER_UNAVAILABLE, "The classifier cannot be reached right now; try again soon.");
        }
    }

    record ModelsResponse(String defaultModel, List<ModelResponse> models) {}

    record ModelResponse(
            String name,
            String task,
            String description,
            String activeVersion,
            List<String> versions,
            List<String> labels) {

        static ModelResponse of(ModelDescription model) {
            return new ModelResponse(
                    model.name(),
                    model.task(),
                    model.description(),
                    model.activeVersion(),
                    model.versions() == null ? List.of() : model.versions(),
                    model.labels() == null ? List.of() : model.labels());
        }
    }
}
