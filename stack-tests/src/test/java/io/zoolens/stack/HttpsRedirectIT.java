package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Plain HTTP only redirects (and answers the health check); HTTPS speaks TLS 1.2 and 1.3 only. */
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
    void apiCallsOverPlainHttpAreRedirectedNotServed() throws Exception {
        HttpResponse<String> response =
                plain(HttpRequest.newBuilder(stack.http("/api/auth/me")).build());

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.body()).doesNotContain("not-authenticated");
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
                .sslContext(StackTls.trusting(stack.certificate()))
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
