package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sessions live in Redis, so a session made through one api replica is good on the other. */
@StackTest
class SessionAcrossReplicasIT {

    private final NativeStack stack;
    private final GatewayClient browser;

    SessionAcrossReplicasIT(NativeStack stack, GatewayClient browser) {
        this.stack = stack;
        this.browser = browser;
    }

    @Test
    void aSessionCreatedOnReplicaOneIsHonouredByReplicaTwo() {
        String username = "replica-" + UUID.randomUUID().toString().substring(0, 8);
        DirectSession onReplicaOne = DirectSession.open(stack, 1);
        HttpResponse<String> registered =
                onReplicaOne.send(HttpRequest.newBuilder(stack.apiReplica(1, "/api/auth/register"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(GatewayClient.toJson(Map.of(
                                "username",
                                username,
                                "email",
                                username + "@example.org",
                                "password",
                                GatewayClient.PASSWORD)))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        HttpResponse<String> me = GatewayClient.direct(HttpRequest.newBuilder(stack.apiReplica(2, "/api/auth/me"))
                .header("Cookie", "SESSION=" + onReplicaOne.session())
                .build());

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(GatewayClient.json(me).path("username").asString()).isEqualTo(username);
    }

    @Test
    void throughTheGatewayOneSessionIsServedByBothReplicas() {
        String username = browser.registerNewUser("balanced").path("username").asString();

        Set<String> replicas = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String requestId = "balanced-" + UUID.randomUUID();
            HttpResponse<String> me = browser.get("/api/auth/me", "X-Request-Id", requestId);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(GatewayClient.json(me).path("username").asString()).isEqualTo(username);
            replicas.add(AccessLog.entry(stack.accessLog(), requestId)
                    .path("upstream_addr")
                    .asString());
        }

        assertThat(replicas)
                .containsExactlyInAnyOrderElementsOf(stack.ports().api().stream()
                        .map(port -> "127.0.0.1:" + port)
                        .toList());
    }

    /** A session with one replica over plain HTTP, bypassing the gateway: cookies and CSRF by hand. */
    private static final class DirectSession {

        private final String csrfToken;
        private String session;

        private DirectSession(String csrfToken, String session) {
            this.csrfToken = csrfToken;
            this.session = session;
        }

        static DirectSession open(NativeStack stack, int replica) {
            HttpResponse<String> csrf =
                    GatewayClient.direct(HttpRequest.newBuilder(stack.apiReplica(replica, "/api/auth/csrf"))
                            .build());
            JsonNode token = GatewayClient.json(csrf);
            return new DirectSession(token.path("token").asString(), cookie(csrf, "SESSION"));
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            String cookies = "XSRF-TOKEN=" + csrfToken + (session == null ? "" : "; SESSION=" + session);
            HttpResponse<String> response = GatewayClient.direct(request.header("Cookie", cookies)
                    .header("X-XSRF-TOKEN", csrfToken)
                    .build());
            String renewed = cookie(response, "SESSION");
            if (renewed != null) {
                session = renewed;
            }
            return response;
        }

        String session() {
            return session;
        }

        private static String cookie(HttpResponse<?> response, String name) {
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                if (setCookie.startsWith(name + "=")) {
                    int end = setCookie.indexOf(';');
                    String value = setCookie.substring(name.length() + 1, end < 0 ? setCookie.length() : end);
                    return value.isEmpty() ? null : value;
                }
            }
            return null;
        }
    }
}
