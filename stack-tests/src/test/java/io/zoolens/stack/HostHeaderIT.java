package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Over HTTPS the gateway serves only the configured public host and the allowed names (localhost and the loopback
 * addresses by default): any other Host gets 421 from the default server and never reaches the api, so nothing the
 * api builds from the Host (absolute URLs) can name a host a client made up. The API document's server is relative.
 */
@StackTest
class HostHeaderIT {

    private final NativeStack stack;
    private final GatewayClient client;

    HostHeaderIT(NativeStack stack, GatewayClient client) {
        this.stack = stack;
        this.client = client;
    }

    @ParameterizedTest
    @CsvSource({
        "localhost, evil.example",
        "localhost, evil.example:8443",
        "evil.example, evil.example",
        "127.0.0.1, localhost.evil.example"
    })
    void aHostTheGatewayDoesNotServeGets421AndNeverReachesTheApi(String tlsName, String host) {
        RawHttp.Answer answer = RawHttp.exchange(
                RawHttp.tls(stack, tlsName), "GET /api/auth/csrf HTTP/1.1\r\nHost: " + host + "\r\n\r\n");

        answer.assertProblem(421, "unknown-host");
        assertThat(answer.body()).doesNotContain("evil");
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), answer.header("X-Request-Id"));
    }

    @ParameterizedTest
    @CsvSource({"localhost, localhost", "127.0.0.1, 127.0.0.1", "127.0.0.1, [::1]", "localhost, LOCALHOST"})
    void theConfiguredAndAllowedHostsAreServed(String tlsName, String host) {
        RawHttp.Answer answer = RawHttp.exchange(
                RawHttp.tls(stack, tlsName),
                "GET /api/auth/csrf HTTP/1.1\r\nHost: " + host + ":"
                        + stack.ports().https() + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("token").asString()).isNotBlank();
    }

    @Test
    void theApiDocumentNamesNoHostForItsServer() {
        var document = GatewayClient.json(client.get("/api/openapi.json"));

        assertThat(document.path("servers")).hasSize(1);
        assertThat(document.path("servers").get(0).path("url").asString()).isEqualTo("/");
    }
}
