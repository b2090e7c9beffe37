package io.zoolens.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.system.ProblemType;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** What every refusal of hostile input must look like: a documented 4xx problem+json that gives nothing away. */
public final class ProblemAssertions {

    /** Every slug of the API's documented problem table. */
    public static final Set<String> DOCUMENTED_SLUGS =
            Arrays.stream(ProblemType.values()).map(ProblemType::slug).collect(Collectors.toUnmodifiableSet());

    // Traces of internals: exception class names, stack frames, packages, source files, server versions.
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)exception|\\bat [a-z_$][\\w$]*\\.[\\w$.]+\\(|\\.java:\\d|org\\.springframework|org\\.apache|tools\\.jackson"
                    + "|com\\.fasterxml|jakarta\\.|javax\\.|java\\.(lang|io|util|nio)|io\\.zoolens|com\\.mongodb|tomcat/\\d");

    private ProblemAssertions() {}

    /**
     * A 4xx {@code application/problem+json} answer whose {@code type} is a documented Zoolens problem, whose
     * {@code status} and {@code instance} match, and which carries no trace of internals.
     */
    public static JsonNode assertRefusal(Browser.Response response, String instance) {
        assertThat(response.status()).as("4xx for %s", response).isBetween(400, 499);
        assertThat(response.header("Content-Type"))
                .as("content type of %s", response)
                .startsWith("application/problem+json");
        JsonNode problem = response.json();
        String type = problem.path("type").asString();
        assertThat(type).as("type of %s", response).startsWith(ProblemType.TYPE_PREFIX);
        assertThat(DOCUMENTED_SLUGS).as("documented problem types").contains(response.problemType());
        assertThat(problem.path("status").asInt()).isEqualTo(response.status());
        assertThat(problem.path("title").asString()).isNotBlank();
        if (instance != null) {
            assertThat(problem.path("instance").asString()).isEqualTo(instance);
        }
        assertNoInternals(response);
        return problem;
    }

    public static void assertNoInternals(Browser.Response response) {
        assertThat(INTERNALS.matcher(response.text()).find())
                .as("internals in %s", response)
                .isFalse();
    }
}
