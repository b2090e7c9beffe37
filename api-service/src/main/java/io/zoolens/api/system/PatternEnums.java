package io.zoolens.api.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Strings validated with a pattern that is just a list of words ({@code @Pattern(regexp = "file|delete")}) are
 * documented as that enum too, so generated clients (the SPA's types) get the values instead of {@code string}.
 * The pattern stays: it is what the API checks.
 */
@Component
class PatternEnums implements OpenApiCustomizer {

    private static final Pattern WORD_LIST = Pattern.compile("\\^?\\(?[A-Za-z0-9_-]+(\\|[A-Za-z0-9_-]+)+\\)?\\$?");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^A-Za-z0-9_|-]");

    @Override
    public void customise(OpenAPI openApi) {
        Deque<Schema<?>> pending = new ArrayDeque<>();
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(pending::add);
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .filter(operation -> operation.getParameters() != null)
                    .flatMap(operation -> operation.getParameters().stream())
                    .filter(parameter -> parameter.getSchema() != null)
                    .forEach(parameter -> pending.add(parameter.getSchema()));
        }
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Schema<?> schema = pending.pop();
            if (!seen.add(schema)) {
                continue;
            }
            enumFromPattern(schema);
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(pending::add);
            }
            if (schema.getItems() != null) {
                pending.add(schema.getItems());
            }
            if (schema.getAnyOf() != null) {
                schema.getAnyOf().forEach(pending::add);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void enumFromPattern(Schema<?> schema) {
        String pattern = schema.getPattern();
        boolean isString = "string".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("string"));
        if (pattern == null
                || !isString
                || schema.getEnum() != null
                || !WORD_LIST.matcher(pattern).matches()) {
            return;
        }
        List<String> words =
                Arrays.asList(NOT_A_WORD.matcher(pattern).replaceAll("").split("\\|"));
        ((Schema<String>) schema).setEnum(words);
    }
}
