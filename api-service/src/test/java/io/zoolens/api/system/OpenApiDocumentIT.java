package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SPA's API types are generated from a checked-in copy of {@code /api/openapi.json}; this test keeps that copy
 * equal to what the application serves. {@code -Dzoolens.openapi.write=true} (or {@code make api-types}) rewrites it.
 */
class OpenApiDocumentIT extends ApiIntegrationTest {

    static final Path CHECKED_IN = Path.of("..", "frontend", "src", "services", "openapi.json");

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void checkedInDocumentMatchesTheServedOne() throws IOException {
        Response served = browser().get("/api/openapi.json");
        assertThat(served.status()).as(served.toString()).isEqualTo(200);

        String text = JSON.writeValueAsString(served.json()) + "\n";

        if (Boolean.getBoolean("zoolens.openapi.write")) {
            Files.writeString(CHECKED_IN, text, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
                .as("%s is stale: run `make api-types` (rewrites it and regenerates frontend/src/services/openapi.d.ts)", CHECKED_IN)
                .isEqualTo(text);
    }
}
