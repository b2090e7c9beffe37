package io.zoolens.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like HTTP client for the full-stack tests: a cookie jar, the SPA's CSRF handling (header
 * {@code X-XSRF-TOKEN} from the {@code XSRF-TOKEN} cookie) and its own client address in
 * {@code X-Forwarded-For}, as the gateway would send it.
 */
public final class Browser {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String clientIp;
    private final CookieManager cookies;
    private final HttpClient http;
    private final List<String> setCookieHeaders;
    private boolean sendCsrf = true;

    public Browser(int port, String clientIp) {
        this(
                URI.create("http://localhost:" + port),
                clientIp,
                new CookieManager(null, CookiePolicy.ACCEPT_ALL),
                new ArrayList<>());
    }

    private Browser(URI base, String clientIp, CookieManager cookies, List<String> setCookieHeaders) {
        this.base = base;
        this.clientIp = clientIp;
        this.cookies = cookies;
        this.setCookieHeaders = setCookieHeaders;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The same browser (same cookie jar) talking to another port, e.g. a second api-service replica behind
     * the same gateway host: cookies are per host, not per port.
     */
    public Browser onPort(int port) {
        return new Browser(URI.create("http://localhost:" + port), clientIp, cookies, setCookieHeaders);
    }

    /** Drops a cookie from the jar, e.g. to play a browser that lost its session. */
    public void forget(String name) {
        cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .toList()
                .forEach(cookie -> cookies.getCookieStore().remove(null, cookie));
    }

    /** Puts a cookie into the jar, e.g. a stolen or stale session id. */
    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }

    /** Stop sending the CSRF header, as a forged cross-site request would. */
    public Browser withoutCsrfHeader() {
        sendCsrf = false;
        return this;
    }

    public String clientIp() {
        return clientIp;
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response delete(String path) {
        return send(withCsrf(request(path)).DELETE());
    }

    public Response post(String path) {
        return send(withCsrf(request(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response postJson(String path, Object body) {
        return send(json(withCsrf(request(path)), "POST", body));
    }

    /** A JSON POST with extra headers and no automatic CSRF header. */
    public Response postJsonWithHeaders(String path, Object body, String... headers) {
        return send(json(request(path, headers), "POST", body));
    }

    /** A POST with a raw body, e.g. a ZIP archive, and extra request headers. */
    public Response postBody(String path, String contentType, byte[] body, String... headers) {
        return postBody(path, contentType, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** A POST with a raw body of any kind, e.g. one of unknown length (sent chunked). */
    public Response postBody(String path, String contentType, HttpRequest.BodyPublisher body, String... headers) {
        return send(withCsrf(request(path, headers))
                .header("Content-Type", contentType)
                .POST(body));
    }

    public Response putJson(String path, Object body) {
        return send(json(withCsrf(request(path)), "PUT", body));
    }

    public Response patchJson(String path, Object body) {
        return send(json(withCsrf(request(path)), "PATCH", body));
    }

    /** {@code POST /api/classifications} with the image in part {@code image} and optional text parts. */
    public Response upload(byte[] image, String filename, Map<String, String> fields) {
        return uploadTo("/api/classifications", "image", image, filename, fields);
    }

    public Response upload(byte[] image) {
        return upload(image, "image.png", Map.of());
    }

    /** An upload with extra request headers, e.g. {@code X-Request-Id}. */
    public Response uploadWithHeaders(byte[] image, String... headers) {
        return uploadTo("/api/classifications", "image", image, "image.png", Map.of(), headers);
    }

    public Response uploadTo(String path, String part, byte[] image, String filename, Map<String, String> fields) {
        return uploadTo(path, part, image, filename, fields, new String[0]);
    }

    private Response uploadTo(
            String path, String part, byte[] image, String filename, Map<String, String> fields, String... headers) {
        String boundary = "zoolens-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        if (image != null) {
            write(
                    body,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                            + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(image);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        HttpRequest.Builder builder = withCsrf(request(path, headers))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return send(builder);
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Every Set-Cookie header this browser has received. */
    public List<String> setCookieHeaders() {
        return List.copyOf(setCookieHeaders);
    }

    /** Makes sure the XSRF-TOKEN cookie is there, as the SPA does at start. */
    public Browser fetchCsrf() {
        if (cookie("XSRF-TOKEN").isEmpty()) {
            get("/api/auth/csrf");
        }
        return this;
    }

    public Response register(String username, String password) {
        return postJson(
                "/api/auth/register",
                Map.of("username", username, "email", username + "@example.org", "password", password));
    }

    public Response login(String login, String password) {
        return postJson("/api/auth/login", Map.of("login", login, "password", password));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientIp);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder builder) {
        if (sendCsrf) {
            fetchCsrf();
            cookie("XSRF-TOKEN").ifPresent(token -> builder.header("X-XSRF-TOKEN", token));
        }
        return builder;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String method, Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text));
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            setCookieHeaders.addAll(response.headers().allValues("Set-Cookie"));
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A response with its body at hand. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        public List<String> headers(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }

        /** The problem {@code type}'s slug, e.g. {@code not-found}. */
        public String problemType() {
            String type = json().path("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
