package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zoolens.stackharness.NativeStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Clients that hold the gateway's connections: a body trickled a byte at a time is cut off by the total body
 * deadline (Nginx's client_body_timeout alone only bounds each pause), and one address may have at most
 * ZOOLENS_CONN_PER_ADDRESS requests in progress at once.
 */
@StackTest
class SlowClientsIT {

    private static final Duration BYTE_EVERY = Duration.ofSeconds(2);

    private final NativeStack stack;
    private final GatewayClient client;

    SlowClientsIT(NativeStack stack, GatewayClient client) {
        this.stack = stack;
        this.client = client;
    }

    @Test
    void aBodyTrickledByteByByteIsCutOffByTheDeadlineWith408Problem() throws Exception {
        long started = System.nanoTime();
        RawHttp.Answer answer;
        try (RawHttp connection = RawHttp.tls(stack)) {
            connection.send("POST /api/albums HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 64\r\n\r\n");
            Thread trickle = new Thread(() -> {
                // one byte every 2 s: far below client_body_timeout (30 s), so only the total deadline can stop it
                for (int i = 0; i < 64; i++) {
                    try {
                        Thread.sleep(BYTE_EVERY.toMillis());
                        connection.send("{");
                    } catch (InterruptedException | UncheckedIOException stopped) {
                        return;
                    }
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            answer = connection.answer();
            trickle.interrupt();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        JsonNode problem = answer.assertProblem(408, "request-too-slow");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/albums");
        assertThat(answer.header("Connection")).isEqualTo("close");
        // the deadline is 20 s plus 1 s per 32 KiB; the 75 s the issue measured are far off
        assertThat(took).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(35));
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), answer.header("X-Request-Id"));
    }

    @Test
    void oneAddressMayHaveOnlyTheConfiguredNumberOfRequestsInProgress() {
        int limit = connectionsPerAddress();
        List<RawHttp> held = new ArrayList<>();
        try {
            // each request has sent its headers and waits for the rest of its body: in progress, counted
            for (int i = 0; i < limit; i++) {
                RawHttp connection = RawHttp.tls(stack);
                held.add(connection);
                connection.send("POST /api/albums HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\n\r\n{");
            }

            RawHttp.Answer refused = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> RawHttp.exchange(
                                    RawHttp.tls(stack),
                                    "GET /api/auth/csrf HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                            answer -> answer.status() == 429);

            refused.assertProblem(429, "rate-limited");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            // the last one held was let in: its body completes and the api answers it (no session, no CSRF token)
            RawHttp last = held.get(limit - 1);
            last.send("}");
            assertThat(last.answer().status()).isIn(401, 403);
        } finally {
            held.forEach(RawHttp::close);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.get("/api/auth/csrf").statusCode() == 200);
    }

    private int connectionsPerAddress() {
        try {
            String site = Files.readString(stack.renderedConfig().resolveSibling("conf.d/zoolens.conf"));
            Matcher limit =
                    Pattern.compile("limit_conn zoolens_addresses (\\d+);").matcher(site);
            assertThat(limit.find()).isTrue();
            return Integer.parseInt(limit.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
