package io.zoolens.api.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes the schemas say what Jackson does with them, so the SPA's generated types are exact (docs/frontend.md).
 * Responses: Jackson writes every record component (inclusion {@code always}), so each property of a response
 * schema is required; the ones that may be {@code null} are listed here and become {@code T | null}. Requests: a
 * property that is not required may be absent or {@code null} (both bind to {@code null}), so it becomes
 * {@code T | null} too; what is required stays springdoc's (from the validation annotations).
 */
@Component
class JsonNullability implements OpenApiCustomizer {

    private static final String REF_PREFIX = "#/components/schemas/";

    /** Per response schema: the properties the API may send as {@code null}. */
    static final Map<String, Set<String>> NULLABLE = Map.ofEntries(
            Map.entry(
                    "ClassificationResponse",
                    Set.of(
                            "classifiedAt",
                            "originalFilename",
                            "recognised",
                            "model",
                            "topLabel",
                            "topScore",
                            "objects",
                            "timings",
                            "albumId",
                            "feedback",
                            "error",
                            "album",
                            "reject",
                            "customModel",
                            "trainingExample")),
            Map.entry("CustomModelRef", Set.of("version")),
            Map.entry("CustomModelResponse", Set.of("activeVersion", "currentTraining")),
            Map.entry("ModelClass", Set.of("name")),
            Map.entry("VersionResponse", Set.of("backboneVersion")),
            Map.entry("Metrics", Set.of("accuracy", "method", "folds")),
            Map.entry("ClassFigures", Set.of("support", "precision", "recall", "f1")),
            Map.entry("TrainingResponse", Set.of("etaSeconds", "version", "error", "startedAt", "finishedAt")),
            Map.entry("TrainingSummary", Set.of("etaSeconds")),
            Map.entry("ExamplesResponse", Set.of("sinceVersion")),
            Map.entry("VersionStats", Set.of("crossValidatedAccuracy", "feedbackAccuracy")),
            Map.entry("Rejection", Set.of("similarity", "minSimilarity", "minProbability")),
            Map.entry("Timings", Set.of("decodeMs", "preprocessMs", "inferenceMs", "classifierMs")),
            Map.entry("Failure", Set.of("detail")),
            Map.entry("Feedback", Set.of("label")),
            Map.entry("AlbumResponse", Set.of("description", "coverThumbnailUrl")),
            Map.entry("Totals", Set.of("accuracy")),
            Map.entry("LabelStats", Set.of("label", "accuracy")),
            Map.entry("ModelStats", Set.of("accuracy")),
            Map.entry("ModelResponse", Set.of("description")),
            Map.entry("SessionResponse", Set.of("user", "usage")),
            Map.entry("Limits", Set.of("accountUploadsPerDay")));

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        for (String name : reachedFrom(requestBodies(openApi), schemas)) {
            Schema<?> schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            schema.getProperties().replaceAll((property, type) -> required.contains(property) ? type : orNull(type));
        }
        for (String name : reachedFrom(successBodies(openApi), schemas)) {
            Schema<?> schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            Set<String> nullable = NULLABLE.getOrDefault(name, Set.of());
            Map<String, Schema> properties = schema.getProperties();
            properties.replaceAll((property, type) -> nullable.contains(property) ? orNull(type) : type);
            schema.setRequired(new ArrayList<>(properties.keySet()));
        }
    }

    private static Schema<?> orNull(Schema<?> type) {
        if (type.get$ref() == null && type.getTypes() != null) {
            type.addType("null");
            return type;
        }
        Schema<Object> nullType = new Schema<>();
        nullType.addType("null");
        Schema<Object> either = new Schema<>();
        either.setAnyOf(List.of(type, nullType));
        return either;
    }

    /** The JSON request bodies. */
    private static Stream<Schema<?>> requestBodies(OpenAPI openApi) {
        return operations(openApi)
                .filter(operation -> operation.getRequestBody() != null
                        && operation.getRequestBody().getContent() != null)
                .map(operation -> operation.getRequestBody().getContent().get("application/json"))
                .filter(media -> media != null && media.getSchema() != null)
                .map(MediaType::getSchema);
    }

    /** The bodies of 2xx answers (problems are {@link ProblemResponses}'). */
    private static Stream<Schema<?>> successBodies(OpenAPI openApi) {
        return operations(openApi)
                .filter(operation -> operation.getResponses() != null)
                .flatMap(operation -> operation.getResponses().entrySet().stream())
                .filter(response -> response.getKey().startsWith("2"))
                .map(response -> response.getValue().getContent())
                .filter(content -> content != null)
                .flatMap((Content content) -> content.values().stream())
                .filter(media -> media.getSchema() != null)
                .map(MediaType::getSchema);
    }

    private static Stream<Operation> operations(OpenAPI openApi) {
        return openApi.getPaths() == null
                ? Stream.empty()
                : openApi.getPaths().values().stream().flatMap(path -> path.readOperations().stream());
    }

    /** The named schemas the given ones reach, directly or through properties, array items and map values. */
    private static Set<String> reachedFrom(Stream<Schema<?>> roots, Map<String, Schema> schemas) {
        Deque<Schema<?>> pending = new ArrayDeque<>();
        roots.forEach(pending::add);
        Set<String> names = new HashSet<>();
        while (!pending.isEmpty()) {
            Schema<?> schema = pending.pop();
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(REF_PREFIX.length());
                if (names.add(name) && schemas.get(name) != null) {
                    pending.add(schemas.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(pending::add);
            }
            if (schema.getItems() != null) {
                pending.add(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                pending.add(values);
            }
        }
        return names;
    }
}
