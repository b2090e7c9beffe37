package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's limit_req on /api/auth/: a burst of submissions from one address gets 429 problem+json with
 * Retry-After, without reaching the api; reading (GET) is never limited. Runs late: its burst uses up the
 * address's allowance for a few seconds, which {@link #letTheAllowanceRefill()} waits out.
 */
@StackTest
@Order(Integer.MAX_VALUE - 2)
class AuthRateLimitIT {

    private static final int BURST = 20;

    private final GatewayClient client;
    private final NativeStack stack;

    AuthRateLimitIT(GatewayClient client, NativeStack stack) {
        this.client = client;
        this.stack = stack;
    }

    @Test
    void aBurstOfSignInSubmissionsGets429ProblemJsonFromTheGateway() throws Exception {
        client.get("/api/auth/csrf");
        // sent 25 at a time: one after the other, a loaded machine answers them slower than the allowance refills
        List<HttpResponse<String>> responses = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(25);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < BURST + 30; i++) {
                sent.add(senders.submit(() -> client.post("/api/auth/logout")));
            }
            for (Future<HttpResponse<String>> response : sent) {
                responses.add(response.get(60, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }

        List<HttpResponse<String>> limited = responses.stream()
                .filter(response -> response.statusCode() == 429)
                .toList();
        assertThat(limited).isNotEmpty();
        HttpResponse<String> first = limited.get(0);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(first.headers().allValues("Strict-Transport-Security")).hasSize(1);
        JsonNode problem = GatewayClient.json(first);
        assertThat(problem.path("type").asString()).isEqualTo("https://zoolens.io/problems/rate-limited");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), first);
    }

    @Test
    void readingTheSessionIsNeverLimited() {
        for (int i = 0; i < BURST * 3; i++) {
            assertThat(client.get("/api/auth/me").statusCode()).isEqualTo(401);
        }
    }

    @AfterAll
    static void letTheAllowanceRefill() throws InterruptedException {
        // 5 requests a second refill the burst of 20 in 4 s
        Thread.sleep(5_000);
    }
}
