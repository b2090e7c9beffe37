package io.zoolens.stack;

import io.zoolens.stackharness.NativeStack;
import io.zoolens.stackharness.TrustedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like client of the gateway over HTTPS: keeps cookies (the {@code SESSION} cookie, which is
 * {@code Secure}), and sends the CSRF token the way the SPA does ({@code X-XSRF-TOKEN} with the value of the
 * {@code XSRF-TOKEN} cookie) on every state-changing request.
 */
final class GatewayClient {

    static final String PASSWORD = "Zoolens stack test passphrase 42";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient DIRECT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final NativeStack stack;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    GatewayClient(NativeStack stack) {
        this(stack, HttpClient.Version.HTTP_2);
    }

    GatewayClient(NativeStack stack, HttpClient.Version version) {
        this.stack = stack;
        this.http = HttpClient.newBuilder()
                .version(version)
                .sslContext(TrustedCertificate.sslContext(stack.certificate()))
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path, String... headers) {
        return send(request(path, headers).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> postJson(String path, Object body) {
        return sendJson("POST", path, body);
    }

    HttpResponse<String> putJson(String path, Object body) {
        return sendJson("PUT", path, body);
    }

    HttpResponse<String> delete(String path) {
        return send(withCsrf(request(path)).DELETE(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) {
        return send(
                withCsrf(request(path)).POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postMultipart(String path, Multipart form) {
        return send(
                withCsrf(request(path, "Content-Type", form.contentType())).POST(form.publisher()),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST whose whole body is {@code body}, e.g. an image upload without a form. */
    HttpResponse<String> postBody(String path, String contentType, byte[] body) {
        return send(
                withCsrf(request(path, "Content-Type", contentType)).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a new account with a unique name (and is then signed in as it); answers the user's JSON. */
    JsonNode registerNewUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = postJson(
                "/api/auth/register",
                Map.of("username", username, "email", username + "@example.org", "password", PASSWORD));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /** The value of a cookie this client holds for the gateway, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().get(stack.https("/")).stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    private HttpResponse<String> sendJson(String method, String path, Object body) {
        HttpRequest.Builder builder = withCsrf(request(path, "Content-Type", "application/json"))
                .method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        return send(builder, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(stack.https(path)).timeout(TIMEOUT);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    /** Adds the CSRF header; asks for the token first when no XSRF-TOKEN cookie is there yet. */
    private HttpRequest.Builder withCsrf(HttpRequest.Builder builder) {
        String token = cookie("XSRF-TOKEN");
        if (token == null || token.isEmpty()) {
            HttpResponse<String> csrf = get("/api/auth/csrf");
            if (csrf.statusCode() != 200) {
                throw new IllegalStateException("GET /api/auth/csrf answered " + csrf.statusCode());
            }
            token = json(csrf).path("token").asString();
        }
        return builder.header("X-XSRF-TOKEN", token);
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder builder, BodyHandler<T> handler) {
        try {
            return http.send(builder.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request straight to an api replica's own port (HTTP, no gateway), for the replica tests. */
    static HttpResponse<String> direct(HttpRequest request) {
        try {
            return DIRECT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
