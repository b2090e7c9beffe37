package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of docs/api.md's examples without a stack (ApiDocsExamplesIT runs them): the parser reads
 * commands, continuations and documented statuses as meant, and every placeholder is known and given by an example
 * above its first use, so a reader who runs the examples in order has every value at hand.
 */
class ApiDocsExamplesTests {

    @Test
    void commandsContinuationsAndDocumentedStatusesAreRead() {
        List<ApiDocsExamples.Command> commands = ApiDocsExamples.parse(List.of(
                "text",
                "```bash",
                "API=http://localhost:8081   # a comment",
                "",
                "# 1. a step",
                "curl -s -b \"$JAR\" -X POST -H \"X-XSRF-TOKEN: $(xsrf)\" \\",
                "     \"$API/api/auth/logout\" -o /dev/null -w '%{http_code}\\n'",
                "# 204",
                "curl -s -F image=@chelsea.png \"$API/api/classifications\" -D - -o body.json",
                "# HTTP/1.1 201",
                "curl -s \"$API/api/classifications/<id>?x=1\"",
                "",
                "# {\"type\":\"…\",\"status\":403,",
                "```",
                "```json",
                "{\"status\": 500}",
                "```"));

        assertThat(commands).hasSize(4);
        assertThat(commands.get(0).isCurl()).isFalse();
        ApiDocsExamples.Command logout = commands.get(1);
        assertThat(logout.line()).isEqualTo(6);
        assertThat(logout.method()).isEqualTo("POST");
        assertThat(logout.path()).hasValue("/api/auth/logout");
        assertThat(logout.outputFile()).isEmpty();
        assertThat(logout.documentedStatus()).isEqualTo(204);
        ApiDocsExamples.Command upload = commands.get(2);
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.uploads()).containsExactly("chelsea.png");
        assertThat(upload.outputFile()).hasValue("body.json");
        assertThat(upload.dumpsHeaders()).isTrue();
        assertThat(upload.documentedStatus()).isEqualTo(201);
        ApiDocsExamples.Command read = commands.get(3);
        assertThat(read.method()).isEqualTo("GET");
        assertThat(read.path()).hasValue("/api/classifications/<id>");
        assertThat(read.placeholders()).containsExactly("<id>");
        assertThat(read.documentedStatus())
                .as("a comment after a blank line is the next step's")
                .isNull();
    }

    @Test
    void everyPlaceholderOfApiMdIsKnownAndGivenAboveItsFirstUse() throws IOException {
        List<ApiDocsExamples.Command> commands =
                ApiDocsExamples.parse(Files.readAllLines(StackPaths.repoDir().resolve("docs/api.md")));
        Set<String> given = new HashSet<>();
        for (ApiDocsExamples.Command command : commands) {
            for (String placeholder : command.placeholders()) {
                assertThat(ApiDocsExamples.PLACEHOLDERS)
                        .as("%s: placeholder %s", command.summary(), placeholder)
                        .containsKey(placeholder);
                assertThat(given)
                        .as("%s: an example above gives %s", command.summary(), placeholder)
                        .contains(placeholder);
            }
            for (Map.Entry<String, ApiDocsExamples.Source> entry : ApiDocsExamples.PLACEHOLDERS.entrySet()) {
                ApiDocsExamples.Source source = entry.getValue();
                boolean gives = command.isCurl()
                        && source.method().equals(command.method())
                        && command.path()
                                .filter(path -> source.path().matcher(path).matches())
                                .isPresent();
                if (gives) {
                    given.add(entry.getKey());
                }
            }
        }
        assertThat(commands.stream().filter(ApiDocsExamples.Command::isCurl)).hasSizeGreaterThan(20);
    }
}
