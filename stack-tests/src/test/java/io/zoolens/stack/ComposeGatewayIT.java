package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import io.zoolens.stackharness.StackPorts;
import io.zoolens.stackharness.TrustedCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway as docker-compose runs it, without Docker: the frontend container's Nginx site (frontend/nginx.conf)
 * serving the built SPA, and a second gateway rendered in frontend-proxy mode in front of it and of the test
 * stack's api replicas, published as if on port 443.
 */
@StackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeGatewayIT {

    private final NativeStack stack;
    private final Path dir;
    private final StackPorts ports = StackPorts.free();
    private NginxProcess frontend;
    private NginxProcess gateway;
    private HttpClient client;

    ComposeGatewayIT(NativeStack stack) {
        this.stack = stack;
        this.dir = StackPaths.stackDir().resolveSibling("compose-gateway");
    }

    @BeforeAll
    void startFrontendAndGateway() throws IOException {
        int frontendPort = ports.classifier();
        Path dist = stack.repoDir().resolve("frontend/dist");
        String site = Files.readString(stack.repoDir().resolve("frontend/nginx.conf"))
                .replace("listen 8080;", "listen 127.0.0.1:" + frontendPort + ";")
                .replace("root /usr/share/nginx/html;", "root " + dist + ";");
        Files.createDirectories(dir);
        Path frontendConf = Files.writeString(
                dir.resolve("frontend.conf"),
                "pid frontend.pid;\nevents {}\nhttp {\n    include /etc/nginx/mime.types;\n" + site + "\n}\n");
        frontend = NginxProcess.start(dir.resolve("frontend"), frontendConf, frontendPort);

        Command render = Command.run(
                stack.repoDir(),
                Map.of(
                        "ZOOLENS_HTTP_PORT", Integer.toString(ports.http()),
                        "ZOOLENS_HTTPS_PORT", Integer.toString(ports.https()),
                        "ZOOLENS_PUBLIC_HTTPS_PORT", "443",
                        "ZOOLENS_API_UPSTREAMS",
                                "127.0.0.1:" + stack.ports().api().get(0) + ",127.0.0.1:"
                                        + stack.ports().api().get(1),
                        "ZOOLENS_SPA_UPSTREAM", "127.0.0.1:" + frontendPort,
                        "ZOOLENS_TLS_CERT", stack.certificate().toString(),
                        "ZOOLENS_TLS_KEY",
                                stack.certificate()
                                        .resolveSibling("privkey.pem")
                                        .toString(),
                        "ZOOLENS_ACCESS_LOG", dir.resolve("access.log").toString(),
                        "ZOOLENS_ACME_ROOT", dir.resolve("acme").toString()),
                List.of(
                        stack.repoDir().resolve("gateway-nginx/render.sh").toString(),
                        dir.resolve("gateway/conf").toString()));
        assertThat(render.exitCode()).as(render.output()).isZero();
        gateway = NginxProcess.start(dir.resolve("gateway"), dir.resolve("gateway/conf/nginx.conf"), ports.https());

        client = HttpClient.newBuilder()
                .sslContext(TrustedCertificate.sslContext(stack.certificate()))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    void stopThem() {
        if (gateway != null) {
            gateway.close();
        }
        if (frontend != null) {
            frontend.close();
        }
    }

    @Test
    void clientRoutesComeFromTheFrontendContainerWithTheGatewaysHeaders() throws Exception {
        HttpResponse<String> response = get("/history");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Files.readString(stack.repoDir().resolve("frontend/dist/index.html")));
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-cache");
        assertThat(response.headers().allValues("Content-Security-Policy"))
                .containsExactly(SecurityHeadersIT.SPA_POLICY);
        assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
    }

    @Test
    void bundlesAreCachedAndAMissingOneIsNotFound() throws Exception {
        String bundle;
        try (var files = Files.list(stack.repoDir().resolve("frontend/dist/assets"))) {
            bundle = files.filter(file -> file.toString().endsWith(".js"))
                    .findFirst()
                    .orElseThrow()
                    .getFileName()
                    .toString();
        }

        assertThat(get("/assets/" + bundle).headers().allValues("Cache-Control"))
                .containsExactly("public, max-age=31536000, immutable");
        assertThat(get("/assets/index-00000000.js").statusCode()).isEqualTo(404);
        assertThat(get("/manifest.webmanifest").headers().firstValue("Content-Type"))
                .hasValue("application/manifest+json");
    }

    @Test
    void theApiIsReachedThroughTheSameGateway() throws Exception {
        HttpResponse<String> response = get("/api/auth/me");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(GatewayClient.json(response).path("type").asString())
                .isEqualTo("https://zoolens.io/problems/not-authenticated");
    }

    @Test
    void redirectsLeaveOutTheDefaultHttpsPort() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + ports.http() + "/albums?x=1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("https://localhost/albums?x=1");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + ports.https() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
