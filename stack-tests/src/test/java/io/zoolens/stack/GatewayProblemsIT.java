package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The errors the gateway makes itself, also those Nginx raises before it picks a location (a malformed request
 * line, TRACE, a NUL in the path, headers too large): RFC 9457 problem+json with a requestId, never Nginx's HTML
 * page, and none of them reaches an api replica. Raw requests over TLS, because no proper client sends these.
 */
@StackTest
class GatewayProblemsIT {

    private static final int MIB = 1024 * 1024;

    private final NativeStack stack;
    private final GatewayClient http1;

    GatewayProblemsIT(NativeStack stack) {
        this.stack = stack;
        // HTTP/1.1: Java's HTTP/2 client does not hand out an answer that comes before its body is sent (UploadLimitIT)
        this.http1 = new GatewayClient(stack, HttpClient.Version.HTTP_1_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/me", "/history"})
    void traceIsRefusedWith405Problem(String path) {
        RawHttp.Answer answer =
                RawHttp.exchange(RawHttp.tls(stack), "TRACE " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        answer.assertProblem(405, "method-not-allowed");
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), answer.header("X-Request-Id"));
    }

    @Test
    void anUnknownMethodOnThePagesIsRefusedWith405Problem() {
        RawHttp.Answer answer =
                RawHttp.exchange(RawHttp.tls(stack), "BREW /history HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer.assertProblem(405, "method-not-allowed")
                        .path("instance")
                        .asString())
                .isEqualTo("/history");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/me%00", "/api/classifications/%00x", "/%00"})
    void aNulInThePathIsRefusedWith400Problem(String path) {
        RawHttp.Answer answer =
                RawHttp.exchange(RawHttp.tls(stack), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        answer.assertProblem(400, "bad-request");
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), answer.header("X-Request-Id"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"GARBAGE", "GET /api/auth/me HTTP/9.9", "get /api/auth/me HTTP/1.1", "GET api/auth/me HTTP/1.1"})
    void aMalformedRequestLineIsRefusedWith400Problem(String requestLine) {
        RawHttp.Answer answer = RawHttp.exchange(RawHttp.tls(stack), requestLine + "\r\nHost: localhost\r\n\r\n");

        assertThat(answer.status()).isIn(400, 505);
        answer.assertProblem(answer.status(), answer.status() == 400 ? "bad-request" : "http-version-not-supported");
    }

    @Test
    void aHeaderOver8KiBIsRefusedWith400Problem() {
        String cookie = "a".repeat(9 * 1024);

        RawHttp.Answer answer = RawHttp.exchange(
                RawHttp.tls(stack), "GET /api/auth/me HTTP/1.1\r\nHost: localhost\r\nCookie: x=" + cookie + "\r\n\r\n");

        JsonNode problem = answer.assertProblem(400, "request-header-too-large");
        assertThat(problem.path("detail").asString()).contains("8 KiB");
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), answer.header("X-Request-Id"));
    }

    @Test
    void aRequestLineOver8KiBIsRefusedWith414Problem() {
        RawHttp.Answer answer = RawHttp.exchange(
                RawHttp.tls(stack), "GET /api/" + "a".repeat(9 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        answer.assertProblem(414, "uri-too-long");
    }

    @Test
    void aBadHostHeaderIsRefusedWith400Problem() {
        RawHttp.Answer answer = RawHttp.exchange(RawHttp.tls(stack), "GET /api/auth/me HTTP/1.1\r\nHost: a/b\r\n\r\n");

        answer.assertProblem(400, "bad-request");
    }

    @Test
    void aTwoMegabyteSignInBodyIsRefusedWith413RequestTooLargeStatingTheLimit() {
        HttpResponse<String> response =
                http1.postJson("/api/auth/login", Map.of("login", "someone", "password", "x".repeat(2 * MIB)));

        JsonNode problem = assertGatewayProblem(response, 413, "request-too-large");
        assertThat(problem.path("detail").asString()).contains("1 MiB");
        assertThat(problem.path("maxBytes").asLong()).isEqualTo(MIB);
        assertThat(problem.path("instance").asString()).isEqualTo("/api/auth/login");
    }

    @Test
    void aTwelveMegabyteJsonBodyIsARequestNotAnImageTooLarge() {
        http1.registerNewUser("json-413");

        HttpResponse<String> response =
                http1.postJson("/api/albums", Map.of("name", "Zoo", "description", "x".repeat(12 * MIB)));

        assertThat(assertGatewayProblem(response, 413, "request-too-large")
                        .path("instance")
                        .asString())
                .isEqualTo("/api/albums");
    }

    private JsonNode assertGatewayProblem(HttpResponse<String> response, int status, String type) {
        RawHttp.Answer answer = new RawHttp.Answer(
                response.statusCode(),
                Map.of(
                        "content-type",
                                response.headers().firstValue("Content-Type").orElse(""),
                        "x-request-id",
                                response.headers().firstValue("X-Request-Id").orElse("")),
                response.body());
        JsonNode problem = answer.assertProblem(status, type);
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), response);
        return problem;
    }
}
