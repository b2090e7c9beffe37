package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import io.zoolens.stackharness.TrustedCertificate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Plain HTTP redirects pages to the configured public host (never the Host a request names), refuses API calls
 * with a problem and unknown hosts with 421, and answers the health check; HTTPS speaks TLS 1.2 and 1.3 only.
 */
@StackTest
class HttpsRedirectIT {

    private final NativeStack stack;

    HttpsRedirectIT(NativeStack stack) {
        this.stack = stack;
    }

    @Test
    void plainHttpIsRedirectedToHttpsKeepingPathAndQuery() throws Exception {
        HttpResponse<String> response = plain(
                HttpRequest.newBuilder(stack.http("/history?page=2&label=cat")).build());

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("https://localhost:" + stack.ports().https() + "/history?page=2&label=cat");
    }

    @Test
    void apiCallsOverPlainHttpGetAnHttpsRequiredProblemNotARedirect() throws Exception {
        HttpResponse<String> response =
                plain(HttpRequest.newBuilder(stack.http("/api/auth/me?x=1")).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = GatewayClient.json(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://zoolens.io/problems/https-required");
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("detail").asString())
                .endsWith("https://localhost:" + stack.ports().https() + "/api/auth/me");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/auth/me");
        assertThat(problem.path("requestId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), response);
    }

    @Test
    void theRedirectNamesTheConfiguredHostNeverTheOneTheRequestNames() {
        RawHttp.Answer byAddress = RawHttp.exchange(
                RawHttp.plain(stack),
                "GET /albums?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + stack.ports().http() + "\r\n\r\n");

        assertThat(byAddress.status()).isEqualTo(301);
        assertThat(byAddress.header("Location"))
                .isEqualTo("https://localhost:" + stack.ports().https() + "/albums?x=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:8443", "evil.example", "localhost.evil.example"})
    void aHostTheGatewayDoesNotServeIsRefusedNotRedirected(String host) {
        RawHttp.Answer answer = RawHttp.exchange(RawHttp.plain(stack), "GET /x HTTP/1.1\r\nHost: " + host + "\r\n\r\n");

        answer.assertProblem(421, "unknown-host");
        assertThat(answer.header("Location")).isNull();
        assertThat(answer.body()).doesNotContain("evil");
    }

    @Test
    void healthCheckAnswersOnPlainHttp() throws Exception {
        HttpResponse<String> response =
                plain(HttpRequest.newBuilder(stack.http("/healthz")).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void currentTlsVersionsAreSpoken(String protocol) throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {protocol});
        HttpClient client = HttpClient.newBuilder()
                .sslContext(TrustedCertificate.sslContext(stack.certificate()))
                .sslParameters(parameters)
                .build();

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(stack.https("/healthz")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession())
                .hasValueSatisfying(session -> assertThat(session.getProtocol()).isEqualTo(protocol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1", "-tls1_1"})
    void deprecatedTlsVersionsAreRefused(String protocolOption) throws Exception {
        // Java's own client refuses TLS 1.0/1.1 before Nginx could; OpenSSL at security level 0 still offers them.
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "s_client",
                        "-connect",
                        "127.0.0.1:" + stack.ports().https(),
                        protocolOption,
                        "-cipher",
                        "DEFAULT:@SECLEVEL=0")
                .redirectErrorStream(true)
                .start();
        openssl.getOutputStream().close();
        assertThat(openssl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(openssl.exitValue()).as(output).isNotZero();
        assertThat(output).contains("Cipher is (NONE)");
    }

    private static HttpResponse<String> plain(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
