package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The curl examples of {@code docs/api.md} work as written (issue 12, item 3): every command of every {@code ```bash}
 * block, in order, in one bash with the real {@code curl}, against this stack's gateway. Only {@code API=} is pointed
 * at the gateway, and curl trusts exactly the stack's certificate ({@code CURL_CA_BUNDLE}, so no {@code -k} is
 * needed); {@code <id>}-style placeholders come from earlier answers ({@link ApiDocsExamples#PLACEHOLDERS}); files
 * such as {@code chelsea.png} from {@code .cache/test-images}. Each command must exit 0 and answer the status the
 * docs show below it, or a 2xx where they show none.
 */
@StackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsExamplesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STATUS = Pattern.compile("@@zl-status (\\d{3})@@");
    private static final Pattern DONE = Pattern.compile("@@zl-done (\\d+)@@");
    private static final long COMMAND_TIMEOUT_SECONDS = 150;

    private final NativeStack stack;
    private final Map<String, String> values = new HashMap<>();
    private Path workDir;
    private Process bash;
    private Writer input;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    ApiDocsExamplesIT(NativeStack stack) {
        this.stack = stack;
    }

    @TestFactory
    Stream<DynamicTest> everyExampleOfApiMdWorksAsWritten() throws IOException, InterruptedException {
        List<ApiDocsExamples.Command> commands =
                ApiDocsExamples.parse(Files.readAllLines(StackPaths.repoDir().resolve("docs/api.md")));
        assertThat(commands).as("commands in docs/api.md").isNotEmpty();
        startBash(commands);
        return commands.stream().map(command -> DynamicTest.dynamicTest(command.summary(), () -> run(command)));
    }

    @AfterAll
    void stopBash() throws IOException, InterruptedException {
        if (bash != null) {
            input.close();
            if (!bash.waitFor(10, TimeUnit.SECONDS)) {
                bash.destroyForcibly();
            }
        }
    }

    private void run(ApiDocsExamples.Command command) throws Exception {
        String text = command.text().replaceFirst("^API=\\S+", "API=" + gateway());
        for (String placeholder : command.placeholders()) {
            assertThat(ApiDocsExamples.PLACEHOLDERS)
                    .as("placeholder %s has an entry in ApiDocsExamples.PLACEHOLDERS", placeholder)
                    .containsKey(placeholder);
            assertThat(values)
                    .as("an earlier example's answer gave %s; reorder docs/api.md otherwise", placeholder)
                    .containsKey(placeholder);
            text = text.replace(placeholder, values.get(placeholder));
        }

        Answer answer = send(text);

        assertThat(answer.exitCode())
                .as("exit code; output:%n%s", answer.output())
                .isZero();
        if (!command.isCurl()) {
            return;
        }
        Matcher status = STATUS.matcher(answer.output());
        assertThat(status.find())
                .as("curl answered; output:%n%s", answer.output())
                .isTrue();
        int code = Integer.parseInt(status.group(1));
        if (command.documentedStatus() != null) {
            assertThat(code)
                    .as("documented status; output:%n%s", answer.output())
                    .isEqualTo(command.documentedStatus());
        } else {
            assertThat(code).as("a 2xx; output:%n%s", answer.output()).isBetween(200, 299);
        }
        remember(command, code, answer);
    }

    /** Takes placeholder values from this answer where the table says they come from. */
    private void remember(ApiDocsExamples.Command command, int status, Answer answer) throws IOException {
        if (status < 200 || status > 299 || command.path().isEmpty()) {
            return;
        }
        for (Map.Entry<String, ApiDocsExamples.Source> entry : ApiDocsExamples.PLACEHOLDERS.entrySet()) {
            ApiDocsExamples.Source source = entry.getValue();
            if (source.method().equals(command.method())
                    && source.path().matcher(command.path().get()).matches()) {
                String field = body(command, answer).path(source.field()).asString();
                assertThat(field)
                        .as("%s from %s", source.field(), answer.output())
                        .isNotBlank();
                values.put(entry.getKey(), field);
            }
        }
    }

    private JsonNode body(ApiDocsExamples.Command command, Answer answer) throws IOException {
        if (command.outputFile().isPresent()) {
            return JSON.readTree(
                    Files.readString(workDir.resolve(command.outputFile().get())));
        }
        String text = STATUS.matcher(answer.output()).replaceAll("");
        if (command.dumpsHeaders()) {
            text = text.substring(text.indexOf("\n\n") + 2); // the lines came without their CRs
        }
        return JSON.readTree(text.strip());
    }

    private String gateway() {
        String https = stack.https("/").toString();
        return https.substring(0, https.length() - 1);
    }

    private void startBash(List<ApiDocsExamples.Command> commands) throws IOException, InterruptedException {
        workDir = Files.createTempDirectory(StackPaths.stackDir(), "api-docs-");
        for (ApiDocsExamples.Command command : commands) {
            for (String file : command.uploads()) {
                Files.copy(StackPaths.testImage(file), workDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc")
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CURL_CA_BUNDLE", stack.certificate().toString());
        builder.environment().put("HOME", workDir.toString()); // no ~/.curlrc of the developer
        bash = builder.start();
        input = new OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines =
                            new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            output.add(line);
                        }
                    } catch (IOException e) {
                        output.add("@@zl-done 255@@");
                    }
                },
                "api-docs-bash");
        reader.setDaemon(true);
        reader.start();
        // Every curl reports its status on a line of its own, after whatever the example prints itself.
        Answer prelude = send("curl() { command curl --max-time 120 \"$@\" -w '\\n@@zl-status %{http_code}@@\\n'; }");
        assertThat(prelude.exitCode()).isZero();
    }

    /** Runs one command in the bash (stdin closed for it) and collects its output up to the end marker. */
    private Answer send(String command) throws IOException, InterruptedException {
        input.write("{\n" + command + "\n} </dev/null\nprintf '\\n@@zl-done %s@@\\n' \"$?\"\n");
        input.flush();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = output.poll(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError(
                        "no answer within " + COMMAND_TIMEOUT_SECONDS + " s; so far:\n" + String.join("\n", lines));
            }
            Matcher done = DONE.matcher(line);
            if (done.find()) {
                lines.add(line.substring(0, done.start()));
                return new Answer(Integer.parseInt(done.group(1)), String.join("\n", lines));
            }
            lines.add(line);
        }
    }

    private record Answer(int exitCode, String output) {}
}
