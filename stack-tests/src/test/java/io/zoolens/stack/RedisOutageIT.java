package io.zoolens.stack;

import static io.zoolens.stack.FaultSteps.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Redis (sessions, rate-limit counters) stops and starts again (scripts/stack/down.sh redis, then up.sh). While it
 * is away, everything that needs a session or a sign-in answers 503 {@code service-unavailable} within seconds
 * (never 500, never a stack trace), and what needs neither still works (the model list). Once it is back, a
 * signed-in visitor carries on in the same session without signing in again (Redis keeps sessions in its
 * append-only file), signing in works again, and nothing attempted during the outage was stored.
 */
@StackTest
@Order(Integer.MAX_VALUE - 8)
class RedisOutageIT {

    private final NativeStack stack;

    RedisOutageIT(NativeStack stack) {
        this.stack = stack;
    }

    @Test
    void whileRedisIsDownSignInAnd503AndAfterItTheSameSessionCarriesOn() {
        GatewayClient user = FaultSteps.client(stack);
        String username = user.registerNewUser("redis-outage").path("username").asString();
        Answers before = new Answers();
        LoadRun.Named first = Classifications.upload(user);
        before.add(first.request(), first.response());
        GatewayClient visitor = FaultSteps.client(stack);
        assertThat(visitor.get("/api/auth/csrf").statusCode()).isEqualTo(200);
        GatewayClient guest = FaultSteps.client(stack);
        assertThat(guest.get("/api/auth/csrf").statusCode()).isEqualTo(200);

        Answers during = new Answers();
        Answers stillWorking = new Answers();
        long stopped = System.nanoTime();
        Duration restart;
        try {
            stack.stop("redis");
            // each of these waits for Redis' command time-out (2 s) before it answers
            during.add("me", user.get("/api/auth/me"));
            during.add("list", user.get("/api/classifications"));
            LoadRun.Named upload = Classifications.upload(user);
            during.add(upload.request(), upload.response());
            during.add("sign in", visitor.postJson("/api/auth/login", signIn(username)));
            during.add("register", FaultSteps.client(stack).postJson("/api/auth/register", newAccount()));
            LoadRun.Named guestUpload = Classifications.upload(guest);
            during.add("guest " + guestUpload.request(), guestUpload.response());
            stillWorking.add("models", FaultSteps.client(stack).get("/api/models"));
            stillWorking.add("csrf", FaultSteps.client(stack).get("/api/auth/csrf"));
        } finally {
            restart = stack.startStopped();
        }
        Duration outage = since(stopped);

        long back = System.nanoTime();
        Answers after = new Answers();
        Awaitility.await("the same session, without signing in again")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> after.add("me", user.get("/api/auth/me")).status() == 200);
        Duration recovery = since(back);
        assertThat(after.all().get(after.count() - 1).json().path("username").asString())
                .isEqualTo(username);
        HttpResponse<String> signedIn = visitor.postJson("/api/auth/login", signIn(username));
        after.add("sign in", signedIn);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        List<JsonNode> records = Classifications.all(user);

        during.assertNoServerErrorsAndNoInternals();
        during.assertUnavailableAnswersAreServiceUnavailableProblems();
        assertThat(during.matching(a -> a.status() != 503))
                .as("answers other than 503")
                .isEmpty();
        assertThat(during.all().get(0).json().path("detail").asString()).contains("Sign-in and sessions");
        assertThat(stillWorking.matching(a -> a.status() != 200))
                .as("what needs no session")
                .isEmpty();
        after.assertNoServerErrorsAndNoInternals();
        Set<String> accepted = Classifications.accepted(before);
        Set<String> stored = Classifications.ids(records);
        assertThat(stored).as("records stored").containsExactlyInAnyOrderElementsOf(accepted);

        Answers all = Answers.of(before, during, stillWorking, after);
        FaultFigures.of(
                        "Redis stopped and restarted",
                        all,
                        accepted.size(),
                        stored.size(),
                        accepted.size() - stored.size(),
                        outage,
                        recovery,
                        during.count() + " session/sign-in requests while it was down: 503 service-unavailable;"
                                + " model list and CSRF token 200; same session after, no new sign-in; Redis start took "
                                + restart.toMillis() + " ms")
                .report();
    }

    private static Map<String, String> newAccount() {
        String username = "redis-new-" + UUID.randomUUID().toString().substring(0, 8);
        return Map.of("username", username, "email", username + "@example.org", "password", GatewayClient.PASSWORD);
    }

    private static Map<String, String> signIn(String username) {
        return Map.of("login", username, "password", GatewayClient.PASSWORD);
    }
}
