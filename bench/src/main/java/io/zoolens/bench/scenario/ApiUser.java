package io.zoolens.bench.scenario;

import io.zoolens.bench.load.Exchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-in user of the public API through the gateway, behaving like the SPA in a browser: its own connection
 * and cookie jar ({@code SESSION}, {@code XSRF-TOKEN}), and the CSRF token sent as {@code X-XSRF-TOKEN} on every
 * state-changing request (docs/api.md). Counts its accepted uploads (201 and 202), which must all be stored.
 *
 * <p>Thread-safe: clients of a run may share a user when there are fewer users than clients.
 */
public final class ApiUser {

    public static final String PASSWORD = "Zoolens benchmark passphrase 42";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI gateway;
    private final String username;
    private final Duration timeout;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final AtomicLong accepted = new AtomicLong();
    private final List<String> classified = new ArrayList<>();

    private ApiUser(URI gateway, SSLContext tls, HttpClient.Version version, String username, Duration timeout) {
        this.gateway = gateway;
        this.username = username;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(version)
                .sslContext(tls)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Registers a new account (which signs it in) and signs in once more, as a returning user would. */
    public static ApiUser register(
            URI gateway, SSLContext tls, HttpClient.Version version, String username, Duration timeout)
            throws InterruptedException {
        ApiUser user = new ApiUser(gateway, tls, version, username, timeout);
        String body = JSON.writeValueAsString(
                Map.of("username", username, "email", username + "@example.org", "password", PASSWORD));
        HttpResponse<String> registered;
        try {
            registered = user.send(user.json("POST", "/api/auth/register", body));
        } catch (IOException e) {
            throw new UncheckedIOException("registering " + username + " failed", e);
        }
        if (registered.statusCode() != 201) {
            throw new IllegalStateException(
                    "registering " + username + " answered " + registered.statusCode() + ": " + registered.body());
        }
        Exchange signedIn = user.signIn();
        if (!signedIn.success()) {
            throw new IllegalStateException("signing in as " + username + " answered " + signedIn.status());
        }
        return user;
    }

    public String username() {
        return username;
    }

    /** {@code POST /api/auth/login}: a new session id and CSRF token, kept in the cookie jar. */
    public Exchange signIn() throws InterruptedException {
        String body = JSON.writeValueAsString(Map.of("login", username, "password", PASSWORD));
        return Exchange.attempt("sign-in", () -> http.send(json("POST", "/api/auth/login", body), discard()));
    }

    /** {@code POST /api/classifications} with a photo; remembers the ids of classified (201) results. */
    public Exchange upload(PhotoUpload photo) throws InterruptedException {
        Exchange exchange = Exchange.attempt("upload", () -> {
            HttpRequest request = withCsrf(request(photo.path()).header("Content-Type", photo.contentType()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(photo.body()))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201 || response.statusCode() == 202) {
                accepted.incrementAndGet();
            }
            if (response.statusCode() == 201) {
                String id = JSON.readTree(response.body()).path("id").asString("");
                if (!id.isEmpty()) {
                    synchronized (classified) {
                        classified.add(id);
                    }
                }
            }
            return response;
        });
        return exchange;
    }

    /** {@code GET /api/classifications?page=…&size=…}, newest first. */
    public Exchange history(int page, int size) throws InterruptedException {
        HttpRequest request = request("/api/classifications?page=" + page + "&size=" + size)
                .GET()
                .build();
        return Exchange.attempt("history", () -> http.send(request, discard()));
    }

    /** {@code PUT /api/classifications/{id}/feedback}. */
    public Exchange feedback(String id, boolean correct) throws InterruptedException {
        String body = correct ? "{\"correct\":true}" : "{\"correct\":false,\"label\":\"zebra\"}";
        return Exchange.attempt(
                "feedback", () -> http.send(json("PUT", "/api/classifications/" + id + "/feedback", body), discard()));
    }

    /** One of this user's classified results, chosen at random, if any. */
    public Optional<String> anyClassified(RandomGenerator random) {
        synchronized (classified) {
            return classified.isEmpty()
                    ? Optional.empty()
                    : Optional.of(classified.get(random.nextInt(classified.size())));
        }
    }

    /** {@code POST /api/albums}: a new album's id. */
    public String createAlbum(String name) throws InterruptedException {
        return call("POST", "/api/albums", JSON.writeValueAsString(Map.of("name", name)), 201)
                .path("id")
                .asString();
    }

    /** {@code POST /api/custom-models} with these albums as its classes: the model's id. */
    public String createCustomModel(String name, List<String> albumIds) throws InterruptedException {
        return call(
                        "POST",
                        "/api/custom-models",
                        JSON.writeValueAsString(Map.of("name", name, "albumIds", albumIds)),
                        201)
                .path("id")
                .asString();
    }

    /** {@code GET /api/custom-models/{id}}. */
    public JsonNode customModel(String modelId) throws InterruptedException {
        return call("GET", "/api/custom-models/" + modelId, null, 200);
    }

    /** {@code POST /api/custom-models/{id}/trainings} (answered 202 at once): the training job's id. */
    public String startTraining(String modelId) throws InterruptedException {
        return call("POST", "/api/custom-models/" + modelId + "/trainings", "", 202)
                .path("id")
                .asString();
    }

    /** {@code GET /api/custom-models/{id}/trainings/{jobId}}: its state, stage and progress. */
    public JsonNode training(String modelId, String jobId) throws InterruptedException {
        return call("GET", "/api/custom-models/" + modelId + "/trainings/" + jobId, null, 200);
    }

    /** Uploads answered 201 or 202 so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Results the api stores for this user: the history's {@code totalItems}. */
    public long storedResults() throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = send(request("/api/classifications?page=0&size=1").GET().build());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the history of " + username + " failed", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "history of " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("totalItems").asLong(-1);
    }

    /** A JSON call that must answer {@code expected}; its answer parsed. A GET is sent without body and CSRF header. */
    private JsonNode call(String method, String path, String body, int expected) throws InterruptedException {
        HttpResponse<String> response;
        try {
            HttpRequest request = body == null ? request(path).GET().build() : json(method, path, body);
            response = send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " as " + username + " failed", e);
        }
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " as " + username + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest json(String method, String path, String body) throws IOException, InterruptedException {
        return withCsrf(request(path).header("Content-Type", "application/json"))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.resolve(path)).timeout(timeout);
    }

    /** Adds the CSRF header from the XSRF-TOKEN cookie; fetches the token first when there is none yet. */
    private HttpRequest.Builder withCsrf(HttpRequest.Builder builder) throws IOException, InterruptedException {
        String token = cookie("XSRF-TOKEN");
        if (token == null) {
            HttpResponse<String> csrf = send(request("/api/auth/csrf").GET().build());
            if (csrf.statusCode() != 200) {
                throw new IOException("GET /api/auth/csrf answered " + csrf.statusCode());
            }
            JsonNode answer = JSON.readTree(csrf.body());
            token = answer.path("token").asString();
        }
        return builder.header("X-XSRF-TOKEN", token);
    }

    private String cookie(String name) {
        return cookies.getCookieStore().get(gateway).stream()
                .filter(c -> c.getName().equals(name) && !c.getValue().isEmpty())
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse.BodyHandler<Void> discard() {
        return HttpResponse.BodyHandlers.discarding();
    }
}
