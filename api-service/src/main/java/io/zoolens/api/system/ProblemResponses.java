package io.zoolens.api.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Every operation may answer an RFC 9457 problem (validation, CSRF, rate limits, outages: docs/api.md), written by
 * {@link ProblemDetailsAdvice} as a {@code ProblemDetail}, which springdoc cannot see. The document names its shape
 * once ({@code Problem}) and gives each operation a {@code default} response with it; extension members such as
 * {@code limit} or {@code retryAfterSeconds} are additional properties.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {

    static final String SCHEMA = "Problem";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, problem());
        if (openApi.getPaths() == null) {
            return;
        }
        ApiResponse answer = new ApiResponse()
                .description("A problem (application/problem+json): the type says which, see docs/api.md")
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref(SCHEMA))));
        openApi.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .filter(operation -> operation.getResponses() != null)
                .forEach(operation -> operation.getResponses().putIfAbsent("default", answer));
    }

    private static Schema<?> problem() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new Schema<>().types(new java.util.LinkedHashSet<>(List.of("string", "null"))))
                .addProperty("message", new StringSchema())
                .addProperty("code", new StringSchema().description("the broken rule (weak-password)"))
                .required(List.of("field", "message"));
        return new ObjectSchema()
                .addProperty("type", new StringSchema().format("uri").description("https://zoolens.io/problems/<slug>"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("requestId", new StringSchema())
                .addProperty(
                        "errors", new ArraySchema().items(fieldError).description("validation-failed, weak-password"))
                .required(List.of("type", "title", "status"))
                .additionalProperties(true);
    }
}
