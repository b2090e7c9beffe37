package io.zoolens.classifier.catalog;

import io.zoolens.classifier.runtime.LoadedModel;
import io.zoolens.model.ModelMetadata;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/models")
class ModelsController {

    private final ModelRegistry registry;

    ModelsController(ModelRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    ModelListResponse list() {
        List<ModelView> models = registry.all().values().stream()
                .map(versions -> ModelView.of(versions, false))
                .toList();
        return new ModelListResponse(registry.defaultModelName(), models);
    }

    @GetMapping("/{name}")
    ModelView describe(@PathVariable String name) {
        List<LoadedModel> versions = registry.all().get(name);
        if (versions == null) {
            throw new ModelNotFoundException(name);
        }
        return ModelView.of(versions, true);
    }

    record ModelListResponse(String defaultModel, List<ModelView> models) {}

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ModelView(
            String name,
            String task,
            String description,
            String activeVersion,
            List<String> versions,
            Map<String, Integer> input,
            int labelCount,
            List<String> labels,
            ModelMetadata.Source source) {

        static ModelView of(List<LoadedModel> versions, boolean withLabels) {
            LoadedModel active = versions.get(versions.size() - 1);
            ModelMetadata metadata = active.metadata();
            return new ModelView(
                    metadata.name(),
                    metadata.task().jsonName(),
                    metadata.description(),
                    active.version(),
                    versions.stream().map(LoadedModel::version).toList(),
                    Map.of(
                            "width",
                            metadata.input().width(),
                            "height",
                            metadata.input().height()),
                    active.labels().size(),
                    withLabels ? active.labels() : null,
                    metadata.source());
        }
    }
}
