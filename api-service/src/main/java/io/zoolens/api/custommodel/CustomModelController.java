package io.zoolens.api.custommodel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.CurrentOwner;
import io.zoolens.api.classification.AlbumLookup;
import io.zoolens.api.classification.TrainingExamples;
import io.zoolens.api.custommodel.CustomModel.ModelVersion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An account's custom models: classes from albums, versions, the active one. Trainings: the training package. */
@RestController
@RequestMapping("/api/custom-models")
@Tag(name = "custom models")
class CustomModelController {

    private final CustomModels models;
    private final AlbumLookup albums;
    private final CurrentTraining training;
    private final TrainingExamples examples;
    private final CurrentOwner currentOwner;

    CustomModelController(
            CustomModels models,
            AlbumLookup albums,
            CurrentTraining training,
            TrainingExamples examples,
            CurrentOwner currentOwner) {
        this.models = models;
        this.albums = albums;
        this.training = training;
        this.examples = examples;
        this.currentOwner = currentOwner;
    }

    @PostMapping
    @Operation(
            summary = "Create a custom model whose classes are albums; 409 model-name-taken, 422 album-not-found,"
                    + " 409 quota-exceeded")
    @ApiResponse(responseCode = "201", description = "The model, its address in Location")
    ResponseEntity<CustomModelResponse> create(@Valid @RequestBody CreateCustomModelRequest body) {
        String owner = ownerId();
        CustomModel model = models.create(owner, body.name(), body.albumIds(), body.backbone());
        return ResponseEntity.created(URI.create("/api/custom-models/" + model.id()))
                .body(view(model));
    }

    @GetMapping
    @Operation(summary = "Own custom models, by name")
    List<CustomModelResponse> list() {
        return models.list(ownerId()).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One custom model with its classes, versions (metrics), active version and current training")
    CustomModelResponse get(@PathVariable String id) {
        return view(models.get(ownerId(), id));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename a custom model or change its albums (used from the next training on)")
    CustomModelResponse update(@PathVariable String id, @Valid @RequestBody UpdateCustomModelRequest body) {
        return view(models.update(ownerId(), id, body.name(), body.albumIds()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a custom model with every version; a running training stops")
    void delete(@PathVariable String id) {
        models.delete(ownerId(), id);
    }

    @PutMapping("/{id}/active-version")
    @Operation(summary = "Activate a version (or roll back to one); 404 model-version-not-found")
    CustomModelResponse activate(@PathVariable String id, @Valid @RequestBody ActivateVersionRequest body) {
        return view(models.activate(ownerId(), id, body.version()));
    }

    @DeleteMapping("/{id}/versions/{version}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete a version that is not the active one (on the classifier too); 409 version-active,"
                    + " 404 model-version-not-found")
    void deleteVersion(@PathVariable String id, @PathVariable String version) {
        models.deleteVersion(ownerId(), id, version);
    }

    private CustomModelResponse view(CustomModel model) {
        return CustomModelResponse.of(
                model,
                albums.names(model.ownerId(), model.albumIds()),
                training.of(model).orElse(null),
                examples.count(
                        model.ownerId(),
                        model.id(),
                        model.newestVersion().map(ModelVersion::examplesBefore).orElse(null)));
    }

    private String ownerId() {
        // Custom models need an account (SecurityConfig); a guest never gets here.
        return currentOwner.userId().orElseThrow(() -> new IllegalStateException("custom models need an account"));
    }

    record CreateCustomModelRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(min = 2, max = 200) List<@NotBlank @Size(max = 64) String> albumIds,

            @Pattern(regexp = "(?!u-)[A-Za-z0-9._-]{1,64}", message = "must be a model name")
            String backbone) {}

    record UpdateCustomModelRequest(
            @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String name,

            @Size(min = 2, max = 200) List<@NotBlank @Size(max = 64) String> albumIds) {}

    record ActivateVersionRequest(@NotBlank @Size(max = 20) String version) {}
}
