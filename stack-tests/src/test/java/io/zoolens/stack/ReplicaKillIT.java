package io.zoolens.stack;

import static io.zoolens.stack.FaultSteps.awaitAnswers;
import static io.zoolens.stack.FaultSteps.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One api replica is killed (SIGKILL: no graceful shutdown, as a crash or the OOM killer would) while uploads and
 * reads keep coming, then started again: the only failed requests are uploads that were in flight on the killed
 * replica (the gateway passes reads, and uploads it had not yet sent, to the other one), no accepted upload is
 * lost, and once the replica is back the gateway routes to it again.
 */
@StackTest
@Order(Integer.MAX_VALUE - 6)
class ReplicaKillIT {

    private static final int CLIENTS = 3;

    private final NativeStack stack;

    ReplicaKillIT(NativeStack stack) {
        this.stack = stack;
    }

    @Test
    void aKilledReplicaFailsOnlyItsInFlightRequestsAndGetsTrafficAgainOnceRestarted() {
        GatewayClient user = FaultSteps.signedInUser(stack, "replica-kill");
        String killedReplica = "127.0.0.1:" + stack.ports().api().get(0);
        Answers answers = new Answers();
        LoadRun load = LoadRun.start(CLIENTS, Duration.ofMillis(200), answers, client -> switch (client) {
            case 0 -> Classifications.upload(user);
            case 1 -> new LoadRun.Named("me", user.get("/api/auth/me"));
            default -> Classifications.list(user);
        });
        long killed;
        Duration restart;
        try {
            awaitAnswers(
                    answers,
                    "uploads before the kill",
                    3,
                    Duration.ofSeconds(90),
                    a -> a.request().equals("upload") && a.isSuccess());
            killed = System.nanoTime();
            stack.kill("api-1");
            LoadRun.sleep(Duration.ofSeconds(3));
        } finally {
            restart = stack.startStopped();
        }
        long back = System.nanoTime();
        Awaitility.await("a request served by the restarted replica")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<String, String> upstreams = upstreams();
                    return answers.matching(a -> a.receivedAtNanos() > back && a.isSuccess()).stream()
                            .anyMatch(a -> killedReplica.equals(upstreams.get(a.requestId())));
                });
        Duration routedBack = since(back);
        load.stop();
        List<JsonNode> records = Classifications.awaitNonePending(user, Duration.ofMinutes(2));

        answers.assertNoServerErrorsAndNoInternals();
        List<Answers.Answer> failed = answers.matching(a -> !a.isSuccess());
        assertThat(failed)
                .as("failed requests: at most one in flight per client")
                .hasSizeLessThanOrEqualTo(CLIENTS);
        for (Answers.Answer failure : failed) {
            assertThat(failure.request()).as(failure.toString()).isEqualTo("upload");
            assertThat(failure.status()).as(failure.toString()).isEqualTo(503);
            assertThat(failure.problemType()).isEqualTo("https://zoolens.io/problems/api-unavailable");
            assertThat(upstream(failure)).as("in flight on the killed replica").startsWith(killedReplica);
            assertThat(Duration.ofNanos(failure.receivedAtNanos() - killed)).isLessThan(Duration.ofSeconds(5));
        }
        Set<String> accepted = Classifications.accepted(answers);
        Set<String> stored = Classifications.ids(records);
        assertThat(stored).as("no accepted upload lost").containsAll(accepted);
        // an upload the replica stored just before it died may exist without its answer: never more than failed
        assertThat(stored.size() - accepted.size()).isLessThanOrEqualTo(failed.size());
        records.forEach(record -> Classifications.assertComplete(user, record));

        Map<String, String> upstreams = upstreams();
        Map<String, Long> byReplica = new HashMap<>();
        answers.all().forEach(a -> byReplica.merge(upstreams.getOrDefault(a.requestId(), "-"), 1L, Long::sum));
        FaultFigures.of(
                        "api replica killed (SIGKILL) under load",
                        answers,
                        accepted.size(),
                        stored.size(),
                        Math.max(0, accepted.size() - stored.size()),
                        restart,
                        routedBack,
                        failed.size() + " failed (in flight on the killed replica); routed to it again "
                                + routedBack.toSeconds() + " s after its restart; answers by upstream " + byReplica)
                .report();
    }

    /** The upstream address(es) the gateway logged, by request id. */
    private Map<String, String> upstreams() {
        Map<String, String> byRequestId = new HashMap<>();
        for (JsonNode entry : AccessLog.entries(stack.accessLog())) {
            byRequestId.put(
                    entry.path("request_id").asString(),
                    entry.path("upstream_addr").asString());
        }
        return byRequestId;
    }

    /** The upstream address(es) the gateway logged for this answer. */
    private String upstream(Answers.Answer answer) {
        if (answer.requestId().isEmpty()) {
            return "";
        }
        return AccessLog.entry(stack.accessLog(), answer.requestId())
                .path("upstream_addr")
                .asString();
    }
}
