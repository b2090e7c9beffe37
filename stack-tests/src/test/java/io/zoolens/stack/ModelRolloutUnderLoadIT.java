package io.zoolens.stack;

import static io.zoolens.stack.FaultSteps.awaitAnswers;
import static io.zoolens.stack.FaultSteps.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A new model version is dropped into the models folder while uploads keep coming, and then the classifier is
 * restarted under the same load: no request fails. The running classifier loads, warms up and switches to the new
 * version by itself (201s name version 2); during the restart uploads wait as PENDING (202) and are classified
 * by version 2 afterwards. The version stays in the test stack's own models folder (gone with the next stack).
 */
@StackTest
@Order(Integer.MAX_VALUE - 7)
class ModelRolloutUnderLoadIT {

    private static final String MODEL = "coco-centernet";

    private final NativeStack stack;

    ModelRolloutUnderLoadIT(NativeStack stack) {
        this.stack = stack;
    }

    @Test
    void aNewVersionDroppedInAndAClassifierRestartUnderLoadFailNoRequest() throws IOException {
        GatewayClient user = FaultSteps.signedInUser(stack, "rollout");
        Answers answers = new Answers();
        FaultSteps.UploadBudget uploads = new FaultSteps.UploadBudget();
        uploads.allow(Integer.MAX_VALUE);
        LoadRun load = LoadRun.start(2, Duration.ofMillis(400), answers, client -> uploads.next(user));
        Duration restart;
        long restarted;
        try {
            awaitAnswers(answers, "uploads classified by version 1", 2, Duration.ofSeconds(90), version("1"));
            long dropped = System.nanoTime();
            dropInVersion2();
            awaitAnswers(answers, "uploads classified by version 2", 2, Duration.ofSeconds(120), version("2"));
            System.out.printf(
                    "version 2 served %.1f s after it was dropped in%n",
                    since(dropped).toMillis() / 1000.0);

            restarted = System.nanoTime();
            stack.stop("classifier");
            uploads.allow(6);
        } finally {
            restart = stack.startStopped();
        }
        long back = System.nanoTime();
        FaultSteps.awaitClassifiedAtOnceAgain(stack, answers, uploads, back, version("2"));
        load.stop();
        List<JsonNode> records = Classifications.awaitNonePending(user, Duration.ofMinutes(3));
        Duration recovery = since(back);

        answers.assertNoServerErrorsAndNoInternals();
        assertThat(answers.matching(a -> !a.isSuccess())).as("failed requests").isEmpty();
        Set<String> accepted = Classifications.accepted(answers);
        Set<String> stored = Classifications.ids(records);
        assertThat(stored).as("records stored").containsExactlyInAnyOrderElementsOf(accepted);
        records.forEach(record -> Classifications.assertComplete(user, record));
        // PENDING uploads of the restart were classified by the new version
        Set<String> pending = Classifications.ids(answers.matching(a -> a.status() == 202).stream()
                .filter(a -> a.receivedAtNanos() > restarted)
                .map(Answers.Answer::json)
                .toList());
        assertThat(records)
                .filteredOn(record -> pending.contains(record.path("id").asString()))
                .allSatisfy(record -> assertThat(
                                record.path("model").path("version").asString())
                        .isEqualTo("2"));

        FaultFigures.of(
                        "new model version dropped in, then classifier restarted, under load",
                        answers,
                        accepted.size(),
                        stored.size(),
                        accepted.size() - stored.size(),
                        restart,
                        recovery,
                        "no failed request; " + answers.byStatus().getOrDefault(202, 0L)
                                + " PENDING during the restart, classified by version 2")
                .report();
    }

    private static java.util.function.Predicate<Answers.Answer> version(String version) {
        return a -> a.status() == 201
                && a.json().path("model").path("version").asString().equals(version);
    }

    /** Copies version 1 as version 2 the way docs/models.md says: under a hidden name, then renamed into place. */
    private void dropInVersion2() throws IOException {
        Path versions = stack.modelsDir().resolve(MODEL);
        Path incoming = versions.resolve(".2-incoming");
        Files.createDirectories(incoming);
        try (Stream<Path> files = Files.list(versions.resolve("1"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, incoming.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path metadata = incoming.resolve("zoolens-model.json");
        String declared = Files.readString(metadata);
        Files.writeString(metadata, declared.replaceFirst("\"version\"\\s*:\\s*\"1\"", "\"version\" : \"2\""));
        Files.move(incoming, versions.resolve("2"), StandardCopyOption.ATOMIC_MOVE);
    }
}
