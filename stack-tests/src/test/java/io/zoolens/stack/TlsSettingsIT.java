package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import io.zoolens.stackharness.TrustedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway's TLS as a client meets it (issue 8): TLS 1.0 and 1.1 refused by the server itself, 1.2 and 1.3 with
 * forward-secret AEAD suites only, no session tickets, HSTS on every HTTPS answer and never on plain HTTP, and no
 * software version in any header or error page.
 */
@StackTest
class TlsSettingsIT {

    private static final Pattern HSTS = Pattern.compile("max-age=(\\d+)(;.*)?");
    private static final Pattern VERSION = Pattern.compile("(?i)(nginx|tomcat|jetty|openssl)/\\d");

    private final NativeStack stack;
    private final GatewayClient client;

    TlsSettingsIT(NativeStack stack, GatewayClient client) {
        this.stack = stack;
        this.client = client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1", "-tls1_1"})
    void deprecatedProtocolsAreRefusedByTheServerWithAProtocolVersionAlert(String protocol) throws Exception {
        // OpenSSL at security level 0 still offers TLS 1.0/1.1 (Java's client would refuse before Nginx could), so
        // the refusal seen here is the server's: alert 70, protocol_version.
        String output =
                openssl("-connect", "127.0.0.1:" + stack.ports().https(), protocol, "-cipher", "DEFAULT:@SECLEVEL=0");

        assertThat(output).contains("alert number 70").contains("Cipher is (NONE)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void currentProtocolsNegotiateAForwardSecretAeadSuite(String protocol) throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {protocol});
        HttpClient tls = HttpClient.newBuilder()
                .sslContext(TrustedCertificate.sslContext(stack.certificate()))
                .sslParameters(parameters)
                .build();

        HttpResponse<String> response =
                tls.send(HttpRequest.newBuilder(stack.https("/healthz")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.sslSession()).hasValueSatisfying(session -> {
            assertThat(session.getProtocol()).isEqualTo(protocol);
            // TLS 1.3 suites are all AEAD with (EC)DHE; TLS 1.2 ones must say so in their name.
            assertThat(session.getCipherSuite())
                    .matches("TLS_(AES|CHACHA20)_.*|TLS_ECDHE_.*_(GCM_SHA\\d+|POLY1305_SHA256)");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES128-SHA256", "ECDHE-ECDSA-AES256-SHA384"})
    void cbcSuitesAreRefusedThoughTheKeyWouldFit(String cipher) throws Exception {
        // The gateway's key is ECDSA: these suites would work with it (Nginx's defaults allow them); only
        // snippets/tls/protocols.conf refuses them.
        String output = openssl(
                "-connect", "127.0.0.1:" + stack.ports().https(), "-tls1_2", "-cipher", cipher + ":@SECLEVEL=0");

        assertThat(output).contains("alert number 40").contains("Cipher is (NONE)");
    }

    @Test
    void noSessionTicketsAreIssued() throws Exception {
        // Ticket keys would never rotate in a long-running Nginx; resumption uses the shared session cache.
        String output = openssl("-connect", "127.0.0.1:" + stack.ports().https(), "-tls1_2");

        assertThat(output).contains("Cipher is ECDHE").doesNotContain("session ticket lifetime hint");
    }

    @Test
    void everyHttpsAnswerCarriesHstsForAtLeastAYearAlsoErrors() {
        for (String path : List.of("/", "/healthz", "/api/auth/me", "/api/no-such-endpoint", "/assets/missing.js")) {
            HttpResponse<String> response = client.get(path);
            String hsts =
                    response.headers().firstValue("Strict-Transport-Security").orElse("");
            Matcher matcher = HSTS.matcher(hsts);
            assertThat(matcher.matches())
                    .as("HSTS on %s (%d): %s", path, response.statusCode(), hsts)
                    .isTrue();
            assertThat(Long.parseLong(matcher.group(1))).isGreaterThanOrEqualTo(31_536_000L);
        }
    }

    @Test
    void plainHttpAnswersCarryNoHsts() throws Exception {
        // RFC 6797 8.1: HSTS over plain HTTP means nothing and must not be sent.
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(stack.http("/history")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void noAnswerNamesTheServerSoftwareVersion() {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String path : List.of("/", "/api/auth/me", "/api/no-such-endpoint", "/assets/missing.js", "/actuator")) {
            answers.add(client.get(path));
        }
        for (HttpResponse<String> answer : answers) {
            String where = answer.uri() + " (" + answer.statusCode() + ")";
            assertThat(answer.headers().allValues("Server"))
                    .as("Server on %s", where)
                    .allMatch("nginx"::equals);
            assertThat(answer.headers().firstValue("X-Powered-By")).as(where).isEmpty();
            assertThat(VERSION.matcher(answer.body()).find())
                    .as("a version in %s", where)
                    .isFalse();
        }
    }

    @Test
    void nginxsOwnErrorPageNamesNoVersion() throws Exception {
        // A request line Nginx itself refuses, so the answer is its built-in page, not one of ours.
        String answer = rawHttps("GET /%%% HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("\r\nServer: nginx\r\n");
        assertThat(VERSION.matcher(answer).find()).as(answer).isFalse();
    }

    private String rawHttps(String request) throws IOException {
        try (SSLSocket socket = (SSLSocket) TrustedCertificate.sslContext(stack.certificate())
                .getSocketFactory()
                .createSocket("localhost", stack.ports().https())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client"));
        command.addAll(List.of(arguments));
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        openssl.getOutputStream().close();
        byte[] output = openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }
}
