package io.zoolens.stack;

import static io.zoolens.stack.FaultSteps.awaitAnswers;
import static io.zoolens.stack.FaultSteps.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The classifier stops in the middle of a run of uploads and comes back (scripts/stack/down.sh classifier, then
 * up.sh): every upload is accepted, 201 while it answers and 202 PENDING while it is away; nothing is lost, and
 * every upload is classified once it is back. Meanwhile the API says what is happening: the items are PENDING
 * (the SPA shows "Queued") with their pictures already there, and the stats count them.
 */
@StackTest
@Order(Integer.MAX_VALUE - 10)
class ClassifierOutageIT {

    private final NativeStack stack;

    ClassifierOutageIT(NativeStack stack) {
        this.stack = stack;
    }

    @Test
    void uploadsWhileTheClassifierIsAwayArePendingAndAllAreClassifiedWhenItIsBack() {
        GatewayClient user = FaultSteps.signedInUser(stack, "classifier-outage");
        Answers answers = new Answers();
        FaultSteps.UploadBudget uploads = new FaultSteps.UploadBudget();
        uploads.allow(Integer.MAX_VALUE);
        LoadRun load = LoadRun.start(2, Duration.ofMillis(400), answers, client -> uploads.next(user));

        long stopped;
        Duration restart;
        try {
            awaitAnswers(answers, "uploads classified at once", 2, Duration.ofSeconds(90), a -> a.status() == 201);
            stopped = System.nanoTime();
            stack.stop("classifier");
            uploads.allow(8);
            awaitAnswers(
                    answers,
                    "uploads kept as PENDING",
                    6,
                    Duration.ofSeconds(60),
                    a -> a.status() == 202 && a.receivedAtNanos() > stopped);
            assertTheApiSaysWhatIsHappening(user, answers);
        } finally {
            restart = stack.startStopped();
        }
        Duration outage = since(stopped);
        long back = System.nanoTime();
        FaultSteps.awaitClassifiedAtOnceAgain(stack, answers, uploads, back, a -> a.status() == 201);
        load.stop();

        List<JsonNode> records = Classifications.awaitNonePending(user, Duration.ofMinutes(3));
        Duration recovery = since(back);
        Set<String> accepted = Classifications.accepted(answers);
        Set<String> stored = Classifications.ids(records);

        answers.assertNoServerErrorsAndNoInternals();
        assertThat(answers.matching(a -> !a.isSuccess())).as("failed requests").isEmpty();
        assertThat(stored).as("records stored").containsExactlyInAnyOrderElementsOf(accepted);
        records.forEach(record -> Classifications.assertComplete(user, record));

        FaultFigures.of(
                        "classifier stopped during uploads",
                        answers,
                        accepted.size(),
                        stored.size(),
                        accepted.size() - stored.size(),
                        outage,
                        recovery,
                        answers.byStatus().getOrDefault(202, 0L) + " PENDING, all classified; restart took "
                                + restart.toSeconds() + " s")
                .report();
    }

    /** PENDING items (the SPA shows "Queued"), counted in the stats, their pictures already there. */
    private void assertTheApiSaysWhatIsHappening(GatewayClient user, Answers answers) {
        HttpResponse<String> models = FaultSteps.client(stack).get("/api/models");
        // the list is cached for 30 s; past that, it says why it cannot answer
        assertThat(models.statusCode()).as(models.body()).isIn(200, 503);
        if (models.statusCode() == 503) {
            assertThat(GatewayClient.json(models).path("type").asString())
                    .isEqualTo("https://zoolens.io/problems/classifier-unavailable");
        }
        JsonNode pending = answers.matching(a -> a.status() == 202).get(0).json();
        assertThat(pending.path("status").asString()).isEqualTo("PENDING");
        assertThat(user.getBytes(pending.path("image").path("url").asString()).statusCode())
                .isEqualTo(200);
        assertThat(GatewayClient.json(user.get("/api/stats"))
                        .path("totals")
                        .path("pending")
                        .asInt())
                .isPositive();
    }
}
