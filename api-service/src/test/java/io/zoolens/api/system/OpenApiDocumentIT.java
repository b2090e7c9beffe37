package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SPA's API types are generated from a checked-in copy of {@code /api/openapi.json}; this test keeps that copy
 * equal to what the application serves. {@code make api-types} ({@code -Dzoolens.openapi.write=true}) rewrites it.
 */
class OpenApiDocumentIT extends ApiIntegrationTest {

    static final Path CHECKED_IN = Path.of("..", "frontend", "src", "services", "openapi.json");

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void checkedInDocumentMatchesTheServedOne() throws IOException {
        String text = JSON.writeValueAsString(normalised(servedDocument())) + "\n";

        if (Boolean.getBoolean("zoolens.openapi.write")) {
            Files.writeString(CHECKED_IN, text, StandardCharsets.UTF_8);
        }
        String checkedIn = Files.readString(CHECKED_IN, StandardCharsets.UTF_8);
        if (!checkedIn.equals(text)) {
            fail(
                    "%s differs from /api/openapi.json (%s): run `make api-types` (rewrites it and regenerates"
                            + " openapi.d.ts), then fix what `npm run type-check` in frontend/ finds",
                    CHECKED_IN, firstDifference(checkedIn, text));
        }
    }

    @Test
    void everyResponsePropertyListedAsNullableIsInTheDocument() {
        JsonNode schemas = servedDocument().path("components").path("schemas");
        List<String> missing = new ArrayList<>();
        JsonNullability.NULLABLE.forEach((schema, properties) -> properties.forEach(property -> {
            JsonNode type = schemas.path(schema).path("properties").path(property);
            boolean nullable =
                    type.path("type").valueStream().anyMatch(t -> t.asString().equals("null"))
                            || type.path("anyOf")
                                    .valueStream()
                                    .anyMatch(t -> t.path("type").asString().equals("null"));
            if (!nullable) {
                missing.add(schema + "." + property);
            }
        }));
        assertThat(missing)
                .as("JsonNullability.NULLABLE names response properties the document lacks (renamed records?)")
                .isEmpty();
    }

    @Test
    void problemsHaveTheDocumentedShape() {
        JsonNode problem = servedDocument().path("components").path("schemas").path(ProblemResponses.SCHEMA);
        Response refused = browser().postJson("/api/auth/register", Map.of("username", "x"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        for (JsonNode required : problem.path("required")) {
            assertThat(refused.json().has(required.asString()))
                    .as(required.asString())
                    .isTrue();
        }
        assertThat(refused.json().propertyNames())
                .allMatch(name -> problem.path("properties").has(name));
        JsonNode fieldError =
                problem.path("properties").path("errors").path("items").path("properties");
        assertThat(refused.json().path("errors")).isNotEmpty();
        refused.json()
                .path("errors")
                .forEach(error -> assertThat(error.propertyNames()).allMatch(fieldError::has));
    }

    /** Where the two differ first, instead of both documents in full. */
    private static String firstDifference(String checkedIn, String served) {
        List<String> old = checkedIn.lines().toList();
        List<String> now = served.lines().toList();
        int line = 0;
        while (line < old.size() && line < now.size() && old.get(line).equals(now.get(line))) {
            line++;
        }
        return "first at line %d: %s instead of %s"
                .formatted(
                        line + 1,
                        line < now.size() ? now.get(line).strip() : "the end",
                        line < old.size() ? old.get(line).strip() : "the end");
    }

    private JsonNode servedDocument() {
        Response served = browser().get("/api/openapi.json");
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        return served.json();
    }

    /** The release version is not part of the contract: a version bump must not make the copy stale. */
    private static JsonNode normalised(JsonNode document) {
        ((ObjectNode) document.path("info")).put("version", "see /api/openapi.json");
        return document;
    }
}
