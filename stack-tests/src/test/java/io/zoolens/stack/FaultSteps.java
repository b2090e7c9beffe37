package io.zoolens.stack;

import io.zoolens.stackharness.NativeStack;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Small pieces the fault tests share: waiting for answers, timing, an upload budget. */
final class FaultSteps {

    private FaultSteps() {}

    /**
     * A client for a fault test: HTTP/1.1, because a load sends more than the 1000 requests Nginx serves on one
     * connection ({@code keepalive_requests}), after which it ends an HTTP/2 connection with GOAWAY, and JDK 17's
     * client then fails the requests in flight on it instead of sending them again as browsers do. Over HTTP/1.1
     * Nginx ends the connection after a complete answer ({@code Connection: close}), which every client handles.
     */
    static GatewayClient client(NativeStack stack) {
        return new GatewayClient(stack, HttpClient.Version.HTTP_1_1);
    }

    /**
     * A newly registered user, with the CSRF cookie already set: signing in clears it, and clients that then send
     * their first uploads side by side would each fetch a different new token and send one that no longer matches
     * the cookie (403), a race of the test's own making.
     */
    static GatewayClient signedInUser(NativeStack stack, String prefix) {
        GatewayClient user = client(stack);
        user.registerNewUser(prefix);
        if (user.get("/api/auth/csrf").statusCode() != 200) {
            throw new IllegalStateException("GET /api/auth/csrf failed");
        }
        return user;
    }

    /** Waits until at least {@code count} answers match. */
    static void awaitAnswers(
            Answers answers, String what, int count, Duration atMost, Predicate<Answers.Answer> match) {
        Awaitility.await(what)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> answers.matching(match).size() >= count);
    }

    /**
     * After the classifier is back: one upload at a time, every two seconds, until both api replicas have classified
     * one at once again (as {@code classified} says). Each replica's circuit breaker closes on its own (up to
     * {@code open-for}, 30 s, after it opened), so one replica answering 201 says nothing about the other; a burst
     * would only pile up PENDING items.
     */
    static void awaitClassifiedAtOnceAgain(
            NativeStack stack,
            Answers answers,
            UploadBudget uploads,
            long sinceNanos,
            Predicate<Answers.Answer> classified) {
        Awaitility.await("an upload classified at once again by each api replica")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    long replicas =
                            answers.matching(a -> a.receivedAtNanos() > sinceNanos && classified.test(a)).stream()
                                    .map(a -> replicaOf(stack, a))
                                    .distinct()
                                    .count();
                    boolean done = replicas >= 2;
                    if (!done) {
                        uploads.allow(1);
                    }
                    return done;
                });
    }

    /** The api replica that gave the answer: the last upstream the gateway tried for it. */
    private static String replicaOf(NativeStack stack, Answers.Answer answer) {
        String upstreams = AccessLog.entry(stack.accessLog(), answer.requestId())
                .path("upstream_addr")
                .asString();
        return upstreams.substring(upstreams.lastIndexOf(' ') + 1);
    }

    static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * How many uploads a load may still send; reads afterwards. A fault test wants uploads during each phase, but
     * not hundreds of PENDING ones for the worker to catch up with on two cores.
     */
    static final class UploadBudget {

        private final AtomicInteger left = new AtomicInteger();

        void allow(int uploads) {
            left.set(uploads);
        }

        LoadRun.Named next(GatewayClient user) {
            return left.getAndDecrement() > 0 ? Classifications.upload(user) : Classifications.list(user);
        }
    }
}
