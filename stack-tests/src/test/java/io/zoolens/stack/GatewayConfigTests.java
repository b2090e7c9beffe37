package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gateway configuration as gateway-nginx/render.sh renders it, checked with {@code nginx -t} for both ways the
 * SPA is served (native run: from disk; docker-compose: the frontend container) and for what it must contain.
 */
class GatewayConfigTests {

    private final Path repo = StackPaths.repoDir();

    @TempDir
    Path work;

    private Path spaRoot;

    @BeforeEach
    void builtSpa() throws IOException {
        spaRoot = Files.createDirectories(work.resolve("dist"));
        Files.writeString(spaRoot.resolve("index.html"), "<!doctype html><div id=\"app\"></div>");
    }

    @Test
    void theNativeRunConfigurationPassesNginxTest() {
        assertRendered(render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString())));

        assertNginxAccepts(work.resolve("conf/nginx.conf"));
        assertThat(site()).contains("include snippets/spa/static.conf;");
        assertThat(read("conf/snippets/spa/static.conf")).contains("root " + spaRoot.toAbsolutePath() + ";");
    }

    @Test
    void theComposeConfigurationPassesNginxTest() {
        assertRendered(render(Map.of(
                "ZOOLENS_SPA_UPSTREAM", "127.0.0.1:18080",
                "ZOOLENS_API_UPSTREAMS", "127.0.0.1:18081",
                "ZOOLENS_PUBLIC_HTTPS_PORT", "443")));

        assertNginxAccepts(work.resolve("conf/nginx.conf"));
        assertThat(site()).contains("include snippets/spa/frontend-proxy.conf;");
        assertThat(site()).contains("return 301 https://localhost$request_uri;");
    }

    @Test
    void nginxOwnVariablesSurviveRendering() {
        assertRendered(render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString())));

        assertThat(site()).contains("$request_uri", "$host", "$zoolens_problem_instance");
        assertThat(site()).contains("return 301 https://localhost:8443$request_uri;");
        assertThat(read("conf/snippets/proxy/body-deadline.conf")).contains("ngx.var.http_content_length");
    }

    @ParameterizedTest
    @CsvSource({
        "10MB, 11534336, 10 MiB",
        "20MB, 22020096, 20 MiB",
        "5242880, 6291456, 5 MiB",
        "1000000, 2048576, 1000000 bytes"
    })
    void theBodyLimitIsTheUploadLimitPlusOneMebibyteForTheForm(String uploadLimit, long bodyLimit, String text) {
        assertRendered(render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString(), "ZOOLENS_UPLOAD_MAX_BYTES", uploadLimit)));

        assertThat(site()).contains("client_max_body_size " + bodyLimit + ";");
        assertThat(allRendered()).contains("The upload is larger than " + text + ".");
    }

    @Test
    void theAlbumImportAloneTakesBodiesUpToTheArchiveLimit() {
        assertRendered(
                render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString(), "ZOOLENS_IMPORT_MAX_ARCHIVE_BYTES", "1GB")));

        assertThat(site())
                .containsOnlyOnce("client_max_body_size 1073741824;")
                .contains("location = /api/albums/import {\n        client_max_body_size 1073741824;");
        assertThat(allRendered())
                .contains("\"POST /api/albums/import\"    \"archive-too-large\";")
                .contains("The archive is larger than 1024 MiB.");
        Command refused =
                render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString(), "ZOOLENS_IMPORT_MAX_ARCHIVE_BYTES", "2 GB"));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("ZOOLENS_IMPORT_MAX_ARCHIVE_BYTES must be bytes or a Spring size");
    }

    @Test
    void aPhotoUploadIsHeldInMemoryUpToTheBodyLimitOtherBodiesKeepTheSmallBuffer() {
        assertRendered(render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString(), "ZOOLENS_UPLOAD_MAX_BYTES", "20MB")));

        assertThat(site())
                .contains("location = /api/classifications {\n        client_max_body_size 22020096;\n"
                        + "        client_body_buffer_size 22020096;\n");
        // one buffer in the upload location only: JSON bodies and album imports (up to 2 GiB) keep the small one
        assertThat(directives("client_body_buffer_size")).containsExactlyInAnyOrder("128k", "22020096");
    }

    @Test
    void redirectsAndTheHttpsRequiredAnswerNameTheConfiguredHostNeverTheRequestsHost() {
        assertRendered(render(Map.of(
                "ZOOLENS_SPA_ROOT", spaRoot.toString(),
                "ZOOLENS_PUBLIC_HOST", "zoo.example.org",
                "ZOOLENS_PUBLIC_HTTPS_PORT", "443")));

        assertThat(directives("return")).contains("301 https://zoo.example.org$request_uri");
        assertThat(allRendered())
                .contains("The API answers over HTTPS only: https://zoo.example.org$zoolens_problem_instance")
                .doesNotContain("https://$host", "https://$http_host", "$server_name");
    }

    @Test
    void onlyThePublicHostAndTheAllowedHostsAreServedTheDefaultServersRefuseTheRest() {
        assertRendered(render(Map.of(
                "ZOOLENS_SPA_ROOT", spaRoot.toString(),
                "ZOOLENS_PUBLIC_HOST", "zoo.example.org",
                "ZOOLENS_ALLOWED_HOSTS", "localhost,192.168.1.20 zoo.example.org")));

        assertNginxAccepts(work.resolve("conf/nginx.conf"));
        assertThat(directives("server_name"))
                .containsExactly(
                        "\"\"",
                        "zoo.example.org localhost 192.168.1.20",
                        "\"\"",
                        "zoo.example.org localhost 192.168.1.20");
        assertThat(directives("listen"))
                .containsExactly("8080 default_server", "8080", "8443 ssl http2 default_server", "8443 ssl http2");
        assertThat(site()).contains("error_page 421 = @problem_unknown_host;");
    }

    @ParameterizedTest
    @CsvSource({"'evil.example/x'", "'a b'", "'$host'", "'[::1'"})
    void aPublicHostThatIsNoHostNameIsRefused(String host) {
        Command result = render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString(), "ZOOLENS_PUBLIC_HOST", host));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("ZOOLENS_PUBLIC_HOST must be a host name or address");
    }

    @Test
    void everyServerCapsRequestsPerAddressAndTheTlsServerBoundsWholeBodies() {
        assertRendered(render(Map.of(
                "ZOOLENS_SPA_ROOT", spaRoot.toString(),
                "ZOOLENS_CONN_PER_ADDRESS", "7",
                "ZOOLENS_BODY_DEADLINE", "9",
                "ZOOLENS_BODY_MIN_RATE", "1024")));

        assertThat(directives("limit_conn"))
                .containsExactly(
                        "zoolens_addresses 7", "zoolens_addresses 7", "zoolens_addresses 7", "zoolens_addresses 7");
        assertThat(directives("limit_conn_status")).containsExactly("429");
        assertThat(read("conf/snippets/proxy/body-deadline.conf"))
                .contains("local seconds = 9 + bytes / 1024", "or 11534336", "ngx.exec(\"@problem_body_too_slow\")");
        assertThat(site()).containsOnlyOnce("include snippets/proxy/body-deadline.conf;");
        assertThat(allRendered()).contains("(9 s plus 1 s for every 1 KiB)");
        assertThat(directives("load_module"))
                .anySatisfy(module -> assertThat(module).endsWith("/ngx_http_lua_module.so"));
    }

    @ParameterizedTest
    @CsvSource({"ZOOLENS_CONN_PER_ADDRESS, 0", "ZOOLENS_BODY_DEADLINE, 20s", "ZOOLENS_BODY_MIN_RATE, 32k"})
    void limitsMustBeWholeNumbers(String name, String value) {
        Command result = render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString(), name, value));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains(name + " must be a whole number above 0");
    }

    @Test
    void withoutTheLuaModuleRenderingFailsWithTheFix() {
        Command result = render(Map.of(
                "ZOOLENS_SPA_ROOT",
                spaRoot.toString(),
                "ZOOLENS_NGINX_MODULES_DIR",
                work.resolve("none").toString()));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("apt-get install libnginx-mod-http-lua");
    }

    @Test
    void everyErrorTheGatewayMakesIsAProblemAndNoLocationDropsTheList() {
        assertRendered(render(Map.of("ZOOLENS_SPA_UPSTREAM", "127.0.0.1:18080")));

        String pages = read("conf/snippets/problems/error-pages.conf");
        for (String status : List.of("400", "494", "405", "413", "414", "429", "500", "501", "505", "502 503 504")) {
            assertThat(directives("error_page"))
                    .anySatisfy(page -> assertThat(page).startsWith(status + " = "));
        }
        Matcher returns = Pattern.compile("return (\\d{3}) '(\\{[^']*\\})';").matcher(pages);
        List<String> bodies = returns.results().map(match -> match.group(2)).toList();
        assertThat(bodies)
                .hasSize(13)
                .allSatisfy(body -> assertThat(body)
                        .contains("\"type\":\"https://zoolens.io/problems/", "\"title\":", "\"status\":", "\"detail\":")
                        .contains(
                                "\"instance\":\"$zoolens_problem_instance\"", "\"requestId\":\"$zoolens_request_id\""));
        // error_page in a location would replace the server's whole list there; only the two refusals set one
        assertThat(site().lines().filter(line -> line.contains("error_page")).map(String::trim))
                .containsOnly("error_page 421 = @problem_unknown_host;", "error_page 403 = @problem_https_required;");
    }

    @Test
    void tlsIsVersionOneTwoAndOneThreeOnly() {
        assertRendered(render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString())));

        assertThat(directives("ssl_protocols")).containsExactly("TLSv1.2 TLSv1.3");
    }

    @Test
    void onlyTheApiReplicasAndTheSpaAreProxiedNeverTheClassifierOrTheDatabases() {
        assertRendered(render(Map.of(
                "ZOOLENS_SPA_UPSTREAM", "frontend:8080",
                "ZOOLENS_API_UPSTREAMS", "10.0.0.1:8081,10.0.0.2:8081")));

        assertThat(directives("proxy_pass")).containsOnly("http://zoolens_api", "http://frontend:8080");
        assertThat(directives("server"))
                .containsExactly(
                        "10.0.0.1:8081 max_fails=3 fail_timeout=10s", "10.0.0.2:8081 max_fails=3 fail_timeout=10s");
        assertThat(allRendered()).doesNotContain(":8082", ":27017", ":6379", "fastcgi_pass", "stream {");
    }

    @Test
    void nonIdempotentRequestsAreNeverResentToAnotherReplica() {
        assertRendered(render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString())));

        assertThat(directives("proxy_next_upstream")).containsExactly("error timeout http_502");
    }

    @Test
    void aGivenCertificateIsUsedAndNoneIsGenerated() throws IOException {
        Path cert = Files.writeString(work.resolve("fullchain.pem"), "cert");
        Path key = Files.writeString(work.resolve("privkey.pem"), "key");

        assertRendered(render(Map.of(
                "ZOOLENS_SPA_ROOT", spaRoot.toString(),
                "ZOOLENS_TLS_CERT", cert.toString(),
                "ZOOLENS_TLS_KEY", key.toString())));

        assertThat(directives("ssl_certificate")).containsExactly(cert.toString());
        assertThat(directives("ssl_certificate_key")).containsExactly(key.toString());
        assertThat(work.resolve("tls")).doesNotExist();
    }

    @Test
    void withoutACertificateASelfSignedPairIsGeneratedOnceWithAPrivateKey() throws IOException {
        assertRendered(render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString())));
        Path key = work.resolve("tls/privkey.pem");
        long modified = Files.getLastModifiedTime(key).toMillis();

        assertRendered(render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString())));

        assertThat(work.resolve("tls/fullchain.pem")).isNotEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.getLastModifiedTime(key).toMillis()).isEqualTo(modified);
    }

    @Test
    void halfACertificatePairIsRefused() {
        Command result = render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString(), "ZOOLENS_TLS_CERT", "/x/cert.pem"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("set both ZOOLENS_TLS_CERT and ZOOLENS_TLS_KEY");
    }

    @Test
    void anUpstreamWithoutAPortIsRefused() {
        Command result = render(Map.of("ZOOLENS_SPA_ROOT", spaRoot.toString(), "ZOOLENS_API_UPSTREAMS", "api"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("'api' is not host:port");
    }

    @Test
    void everySnippetSaysWhatItDoesAndWhy() throws IOException {
        try (Stream<Path> files = Files.walk(repo.resolve("gateway-nginx/snippets"))) {
            for (Path snippet : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(snippet);
                assertThat(text).as(snippet.toString()).startsWith("# What:").contains("Why:");
            }
        }
    }

    @Test
    void theFrontendContainersSiteConfigurationPassesNginxTest() throws IOException {
        Path main = Files.writeString(
                work.resolve("frontend-main.conf"),
                "pid " + work.resolve("frontend.pid") + ";\n"
                        + "events {}\n"
                        + "http {\n    include /etc/nginx/mime.types;\n    include "
                        + repo.resolve("frontend/nginx.conf") + ";\n}\n");

        assertNginxAccepts(main);
    }

    private Command render(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        env.put("ZOOLENS_TLS_DIR", work.resolve("tls").toString());
        env.put("ZOOLENS_ACME_ROOT", work.resolve("acme").toString());
        env.put("ZOOLENS_ACCESS_LOG", work.resolve("access.log").toString());
        env.put("ZOOLENS_TLS_CERT", "");
        env.put("ZOOLENS_TLS_KEY", "");
        env.putAll(settings);
        return Command.run(
                repo,
                env,
                List.of(
                        repo.resolve("gateway-nginx/render.sh").toString(),
                        work.resolve("conf").toString()));
    }

    private static void assertRendered(Command result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private void assertNginxAccepts(Path config) {
        Command test = Command.run(
                work,
                Map.of(),
                List.of(Command.nginx(), "-t", "-p", work + "/", "-c", config.toString(), "-e", "stderr"));
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("test is successful").doesNotContain("[warn]");
    }

    private String site() {
        return read("conf/conf.d/zoolens.conf");
    }

    private String read(String relative) {
        try {
            return Files.readString(work.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rendered configuration file, comments left out. */
    private String allRendered() {
        try (Stream<Path> files = Files.walk(work.resolve("conf"))) {
            return files.filter(file -> file.toString().endsWith(".conf"))
                    .map(file -> read(work.relativize(file).toString()))
                    .flatMap(String::lines)
                    .map(line -> line.replaceFirst("#.*$", ""))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of one directive across the rendered configuration. */
    private List<String> directives(String name) {
        Matcher matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s+([^;{]+);")
                .matcher(allRendered());
        return matcher.results().map(result -> result.group(1).trim()).toList();
    }
}
