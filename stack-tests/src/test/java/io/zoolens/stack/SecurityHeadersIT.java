package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Every HTTPS answer carries the security headers once, and a request id that reaches the api. */
@StackTest
class SecurityHeadersIT {

    static final String SPA_POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";
    private static final List<String> SECURITY_HEADERS = List.of(
            "Strict-Transport-Security",
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "X-Frame-Options",
            "X-Request-Id");

    private final GatewayClient client;
    private final NativeStack stack;

    SecurityHeadersIT(GatewayClient client, NativeStack stack) {
        this.client = client;
        this.stack = stack;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/history", "/index.html"})
    void pagesOfTheSpaCarryTheStrictPolicies(String path) {
        HttpHeaders headers = client.get(path).headers();

        assertThat(headers.firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("max-age=31536000"));
        assertThat(headers.firstValue("Content-Security-Policy")).hasValue(SPA_POLICY);
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/auth/me", "/api/auth/csrf", "/assets/no-such-bundle.js", "/actuator"})
    void eachSecurityHeaderAppearsExactlyOnceAlsoOnApiAnswersAndErrors(String path) {
        HttpHeaders headers = client.get(path).headers();

        for (String header : SECURITY_HEADERS) {
            assertThat(headers.allValues(header)).as(header + " on " + path).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/auth/me", "/api/auth/csrf", "/api/actuator", "/api/no-such-path"})
    void noOtherSiteMayEmbedOrReadAnAnswer(String path) {
        HttpHeaders headers = client.get(path).headers();

        assertThat(headers.allValues("Cross-Origin-Resource-Policy")).containsExactly("same-origin");
    }

    @Test
    void theGatewaysOwnErrorsCarryTheHeadersToo() {
        RawHttp.Answer answer =
                RawHttp.exchange(RawHttp.tls(stack), "TRACE /api/auth/me HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer.header("Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
        assertThat(answer.header("Strict-Transport-Security")).startsWith("max-age=31536000");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void thePagesMayEmbedNoPlugins() {
        assertThat(client.get("/").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("object-src 'none'"));
    }

    @Test
    void apiAnswersMayLoadNothing() {
        HttpHeaders headers = client.get("/api/auth/me").headers();

        assertThat(headers.firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void theGatewayGivesEveryRequestAnIdAndPassesItToTheApi() {
        HttpResponse<String> response = client.get("/api/auth/me");

        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).matches("[0-9a-f]{32}");
        // the api puts the id it received into its problem answers
        assertThat(GatewayClient.json(response).path("requestId").asString()).isEqualTo(requestId);
        assertThat(AccessLog.entry(stack.accessLog(), requestId).path("uri").asString())
                .isEqualTo("/api/auth/me");
    }

    @Test
    void aRequestIdSentByTheClientIsKeptEndToEnd() {
        String given = "stack-it-" + UUID.randomUUID();

        HttpResponse<String> response = client.get("/api/auth/me", "X-Request-Id", given);

        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(given);
        JsonNode problem = GatewayClient.json(response);
        assertThat(problem.path("requestId").asString()).isEqualTo(given);
        assertThat(AccessLog.entry(stack.accessLog(), given).path("status").asInt())
                .isEqualTo(401);
    }

    @Test
    void aHostileRequestIdIsReplaced() {
        HttpResponse<String> response = client.get("/api/auth/me", "X-Request-Id", "evil\"id <script>");

        assertThat(response.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }
}
