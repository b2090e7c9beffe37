package io.zoolens.stack;

import static io.zoolens.stack.FaultSteps.awaitAnswers;
import static io.zoolens.stack.FaultSteps.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The MongoDB wire server stops (scripts/stack/down.sh mongo) while there is PENDING work and requests keep
 * coming, then starts again: every request meanwhile answers 503 {@code service-unavailable} within seconds (no
 * 500, no stack trace, no hanging), nothing half-written is left behind, and the PENDING uploads are classified
 * once it is back. The PENDING work comes from freezing the classifier (SIGSTOP) for a few uploads first.
 */
@StackTest
@Order(Integer.MAX_VALUE - 9)
class MongoOutageIT {

    private final NativeStack stack;

    MongoOutageIT(NativeStack stack) {
        this.stack = stack;
    }

    @Test
    void whileMongoIsDownEveryRequestIs503AndAfterItNothingIsPartialAndPendingWorkResumes() throws Exception {
        GatewayClient user = FaultSteps.signedInUser(stack, "mongo-outage");
        Answers before = new Answers();
        Answers during = new Answers();
        for (int i = 0; i < 2; i++) {
            LoadRun.Named upload = Classifications.upload(user);
            before.add(upload.request(), upload.response());
        }
        String classified = before.all().get(0).json().path("id").asString();
        long stopped;
        Duration restart;
        try {
            // PENDING work: the classifier hangs (the api gives up after 10 s) during three uploads
            stack.freeze("classifier");
            uploadAtOnce(user, before, 3);
            assertThat(before.matching(a -> a.status() == 202)).hasSize(3);

            stopped = System.nanoTime();
            stack.stop("mongo");
            stack.thaw("classifier");
            LoadRun load = LoadRun.start(2, Duration.ofMillis(200), during, client -> switch (during.count() % 5) {
                case 0 -> Classifications.upload(user);
                case 1 -> new LoadRun.Named("me", user.get("/api/auth/me"));
                case 2 -> Classifications.list(user);
                case 3 -> new LoadRun.Named("stats", user.get("/api/stats"));
                default ->
                    new LoadRun.Named(
                            "feedback",
                            user.putJson("/api/classifications/" + classified + "/feedback", Map.of("correct", true)));
            });
            awaitAnswers(during, "answers while MongoDB is down", 10, Duration.ofSeconds(90), a -> true);
            load.stop();
        } finally {
            stack.thaw("classifier");
            restart = stack.startStopped();
        }
        Duration outage = since(stopped);
        long back = System.nanoTime();
        List<JsonNode> records = Classifications.awaitNonePending(user, Duration.ofMinutes(2));
        Duration recovery = since(back);

        during.assertNoServerErrorsAndNoInternals();
        during.assertUnavailableAnswersAreServiceUnavailableProblems();
        assertThat(during.matching(a -> a.status() != 503))
                .as("answers other than 503")
                .isEmpty();
        assertThat(during.all().stream().map(Answers.Answer::request).distinct())
                .contains("upload", "me", "list", "stats", "feedback");
        Set<String> accepted = Classifications.accepted(before);
        Set<String> stored = Classifications.ids(records);
        assertThat(stored).as("records stored").containsExactlyInAnyOrderElementsOf(accepted);
        records.forEach(record -> Classifications.assertComplete(user, record));

        FaultFigures.of(
                        "MongoDB stopped and restarted",
                        Answers.of(before, during),
                        accepted.size(),
                        stored.size(),
                        accepted.size() - stored.size(),
                        outage,
                        recovery,
                        "all " + during.count() + " requests while it was down: 503 service-unavailable; the 3"
                                + " PENDING uploads classified after; MongoDB start took " + restart.toSeconds()
                                + " s")
                .report();
    }

    private static void uploadAtOnce(GatewayClient user, Answers answers, int count) throws InterruptedException {
        ExecutorService uploaders = Executors.newFixedThreadPool(count);
        try {
            for (int i = 0; i < count; i++) {
                uploaders.submit(() -> {
                    LoadRun.Named upload = Classifications.upload(user);
                    return answers.add(upload.request(), upload.response());
                });
            }
            uploaders.shutdown();
            assertThat(uploaders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            uploaders.shutdownNow();
        }
    }
}
