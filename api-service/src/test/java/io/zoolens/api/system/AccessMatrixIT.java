package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.ApiApplication;
import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.HostileRequests;
import io.zoolens.api.support.ProblemAssertions;
import io.zoolens.api.support.TestServers;
import io.zoolens.image.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of the OpenAPI document, read at run time, against every way in without the right to it (issue
 * 8): no session, another user's session with the victim's ids, another user's session claiming to be the victim
 * ({@code X-Expected-User}, issue 12), a missing and a wrong CSRF token, a session after sign-out and after its
 * idle timeout; and session fixation on both ways of signing in. An endpoint the document
 * lists but {@link #ENDPOINTS} does not classify fails the run, so a new endpoint cannot escape the matrix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT extends ApiIntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    /** Who may call an endpoint. */
    enum Access {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Anyone with (or getting) a guest session; items are the caller's own. */
        GUEST,
        /** Signed-in accounts only: 401 otherwise. */
        USER
    }

    /** One endpoint, how to call it validly, and who may. {@code {id}} is the victim's item or album. */
    record Endpoint(String method, String path, Access access, Function<Victim, Body> body) {

        String key() {
            return method + " " + path;
        }

        boolean changesState() {
            return !method.equals("GET");
        }

        boolean takesVictimsId() {
            return path.contains("{id}");
        }

        String pathFor(Victim victim) {
            String id = path.startsWith("/api/albums")
                    ? victim.albumId()
                    : path.startsWith("/api/custom-models") ? victim.modelId() : victim.itemId();
            return path.replace("{id}", id)
                    .replace("{jobId}", victim.jobId())
                    .replace("{version}", "1")
                    .replace("{pictureId}", victim.itemId());
        }
    }

    record Body(String contentType, byte[] bytes) {

        static Body json(String text) {
            return new Body("application/json", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The account under attack, on the replica at {@code port}: signed in, with one item in one album and a custom
     * model of that album and an empty one. {@code jobId} names no real training (one needs 5 pictures per class);
     * the model's owner check answers first, and CustomModelIT tries a real job of another account.
     */
    record Victim(
            Browser browser, int port, String username, String itemId, String albumId, String modelId, String jobId) {}

    /** An id nothing has. */
    private static final String NO_SUCH_ID = "0123456789abcdef0123456";

    /** Takes the victim's ids in its body, and names those it did not find: the only ids it answers with. */
    private static final String BULK = "/api/classifications/bulk";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/auth/csrf", Access.PUBLIC, victim -> null),
            new Endpoint(
                    "POST",
                    "/api/auth/register",
                    Access.PUBLIC,
                    victim -> Body.json(registration(uniqueName("newcomer")))),
            new Endpoint(
                    "POST",
                    "/api/auth/login",
                    Access.PUBLIC,
                    victim -> Body.json("{\"login\":\"" + victim.username() + "\",\"password\":\"" + PASSWORD + "\"}")),
            new Endpoint("POST", "/api/auth/logout", Access.PUBLIC, victim -> null), // Spring Security's filter
            new Endpoint("GET", "/api/models", Access.PUBLIC, victim -> null),
            new Endpoint("GET", "/api/auth/session", Access.PUBLIC, victim -> null),
            new Endpoint("GET", "/api/auth/password-rules", Access.PUBLIC, victim -> null),
            new Endpoint(
                    "POST",
                    "/api/auth/password-check",
                    Access.PUBLIC,
                    victim -> Body.json("{\"password\":\"correct horse battery\"}")),
            new Endpoint("GET", "/api/auth/me", Access.USER, victim -> null),
            new Endpoint("POST", "/api/auth/logout-everywhere", Access.USER, victim -> null),
            new Endpoint("DELETE", "/api/account", Access.USER, victim -> null),
            new Endpoint("POST", "/api/classifications", Access.GUEST, victim -> upload()),
            new Endpoint("GET", "/api/classifications", Access.GUEST, victim -> null),
            new Endpoint("GET", "/api/classifications/{id}", Access.GUEST, victim -> null),
            new Endpoint("GET", "/api/classifications/{id}/image", Access.GUEST, victim -> null),
            new Endpoint("GET", "/api/classifications/{id}/thumbnail", Access.GUEST, victim -> null),
            new Endpoint(
                    "PUT",
                    "/api/classifications/{id}/feedback",
                    Access.GUEST,
                    victim -> Body.json("{\"correct\":false,\"label\":\"attacker\"}")),
            new Endpoint("PATCH", "/api/classifications/{id}", Access.GUEST, victim -> Body.json("{\"albumId\":null}")),
            new Endpoint("DELETE", "/api/classifications/{id}", Access.GUEST, victim -> null),
            new Endpoint(
                    "POST",
                    BULK,
                    Access.GUEST,
                    victim ->
                            Body.json("{\"ids\":[\"" + victim.itemId() + "\"],\"action\":\"file\",\"albumId\":null}")),
            new Endpoint("GET", "/api/stats", Access.GUEST, victim -> null),
            new Endpoint("POST", "/api/albums", Access.USER, victim -> Body.json("{\"name\":\"attacker\"}")),
            new Endpoint("GET", "/api/albums", Access.USER, victim -> null),
            new Endpoint("GET", "/api/albums/{id}", Access.USER, victim -> null),
            new Endpoint("PATCH", "/api/albums/{id}", Access.USER, victim -> Body.json("{\"name\":\"pwned\"}")),
            new Endpoint("DELETE", "/api/albums/{id}", Access.USER, victim -> null),
            new Endpoint("POST", "/api/albums/import", Access.USER, victim -> archive()),
            new Endpoint(
                    "POST",
                    "/api/custom-models",
                    Access.USER,
                    victim -> Body.json(
                            "{\"name\":\"attacker\",\"albumIds\":[\"" + NO_SUCH_ID + "\",\"" + NO_SUCH_ID + "0\"]}")),
            new Endpoint("GET", "/api/custom-models", Access.USER, victim -> null),
            new Endpoint("GET", "/api/custom-models/{id}", Access.USER, victim -> null),
            new Endpoint("PATCH", "/api/custom-models/{id}", Access.USER, victim -> Body.json("{\"name\":\"pwned\"}")),
            new Endpoint("DELETE", "/api/custom-models/{id}", Access.USER, victim -> null),
            new Endpoint(
                    "PUT",
                    "/api/custom-models/{id}/active-version",
                    Access.USER,
                    victim -> Body.json("{\"version\":\"1\"}")),
            new Endpoint("POST", "/api/custom-models/{id}/trainings", Access.USER, victim -> null),
            new Endpoint("GET", "/api/custom-models/{id}/trainings/{jobId}", Access.USER, victim -> null),
            new Endpoint("GET", "/api/custom-models/{id}/trainings/{jobId}/events", Access.USER, victim -> null),
            new Endpoint("POST", "/api/custom-models/{id}/trainings/{jobId}/cancel", Access.USER, victim -> null),
            new Endpoint("DELETE", "/api/custom-models/{id}/versions/{version}", Access.USER, victim -> null),
            new Endpoint("GET", "/api/custom-models/{id}/examples", Access.USER, victim -> null),
            new Endpoint("DELETE", "/api/custom-models/{id}/examples/{pictureId}", Access.USER, victim -> null),
            new Endpoint("GET", "/api/custom-models/{id}/version-stats", Access.USER, victim -> null));

    /** Where X-Expected-User is not checked: a session starts there, or is only looked at. */
    private static final Set<String> EXPECTED_USER_EXEMPT =
            Set.of("GET /api/auth/session", "GET /api/auth/csrf", "POST /api/auth/login", "POST /api/auth/register");

    private ConfigurableApplicationContext shortSessions;
    private Victim shared;
    private final List<String> tried = new ArrayList<>();

    @Test
    void everyEndpointOfTheOpenApiDocumentIsClassified() {
        JsonNode paths = browser().get("/api/openapi.json").json().path("paths");
        Set<String> documented = new TreeSet<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    documented.add(method.toUpperCase() + " " + path);
                }
            }
        }
        Set<String> classified =
                new TreeSet<>(ENDPOINTS.stream().map(Endpoint::key).toList());

        assertThat(documented)
                .as("endpoints in /api/openapi.json; classify new ones in AccessMatrixIT.ENDPOINTS")
                .isEqualTo(classified);
    }

    @TestFactory
    Stream<DynamicNode> withoutASession() {
        return matrix("without a session", ENDPOINTS, endpoint -> {
            Victim victim = sharedVictim();
            Browser.Response response = send(browser(), port, endpoint, victim, Csrf.VALID);
            expectAnonymousAnswer(endpoint, response);
            assertIntact(victim);
        });
    }

    @TestFactory
    Stream<DynamicNode> withAnotherUsersSessionAndTheVictimsIds() {
        return matrix("another user's session", ENDPOINTS, endpoint -> {
            Victim victim = sharedVictim();
            Browser intruder = signedIn("intruder");
            Browser.Response response = send(intruder, port, endpoint, victim, Csrf.VALID);
            assertThat(response.status()).as("%s", response).isLessThan(500);
            if (endpoint.takesVictimsId()) {
                assertThat(response.status())
                        .as("another user's item is not found: %s", response)
                        .isEqualTo(404);
                ProblemAssertions.assertRefusal(response, endpoint.pathFor(victim));
            } else if (endpoint.path().equals(BULK)) {
                assertThat(response.json().path("updated").asInt())
                        .as("%s", response)
                        .isZero();
                assertThat(response.json().path("notFound").get(0).asString()).isEqualTo(victim.itemId());
            } else {
                assertThat(response.text()).doesNotContain(victim.itemId(), victim.albumId());
            }
            assertIntact(victim);
        });
    }

    @TestFactory
    Stream<DynamicNode> expectingTheVictimOnAnotherUsersSession() {
        return matrix("X-Expected-User of another account", ENDPOINTS, endpoint -> {
            Victim victim = sharedVictim();
            Body body = endpoint.body().apply(victim);
            Browser.Response response = new HostileRequests(port, signedIn("intruder"))
                    .send(
                            endpoint.method(),
                            endpoint.pathFor(victim),
                            body == null ? null : body.contentType(),
                            body == null ? null : body.bytes(),
                            "X-Expected-User",
                            victimsId(victim));
            assertThat(response.status()).as("%s", response).isLessThan(500);
            if (EXPECTED_USER_EXEMPT.contains(endpoint.key())) {
                assertThat(response.status()).as("%s", response).isNotEqualTo(401);
            } else {
                assertThat(response.status()).as("%s", response).isEqualTo(401);
                ProblemAssertions.assertRefusal(response, endpoint.pathFor(victim));
                assertThat(response.problemType()).isEqualTo("session-ended");
            }
            assertIntact(victim);
        });
    }

    @TestFactory
    Stream<DynamicNode> withoutTheCsrfToken() {
        return matrix("without the CSRF header", stateChanging(), endpoint -> {
            Victim victim = sharedVictim();
            Browser.Response response = send(victim.browser(), port, endpoint, victim, Csrf.MISSING);
            expectCsrfRefusal(endpoint, victim, response);
        });
    }

    @TestFactory
    Stream<DynamicNode> withAWrongCsrfToken() {
        return matrix("with a wrong CSRF token", stateChanging(), endpoint -> {
            Victim victim = sharedVictim();
            Browser.Response response = send(victim.browser(), port, endpoint, victim, Csrf.WRONG);
            expectCsrfRefusal(endpoint, victim, response);
        });
    }

    @TestFactory
    Stream<DynamicNode> withASessionEndedBySignOut() {
        return matrix("after sign-out", ENDPOINTS, endpoint -> {
            Victim victim = victim();
            String session = victim.browser().cookie("SESSION").orElseThrow();
            assertThat(victim.browser().post("/api/auth/logout").status()).isEqualTo(204);
            Browser replay = browser();
            replay.setCookie("SESSION", session);

            expectAnonymousAnswer(endpoint, send(replay, port, endpoint, victim, Csrf.VALID));
        });
    }

    @TestFactory
    Stream<DynamicNode> withASessionPastItsIdleTimeout() throws InterruptedException {
        // A second replica with a 2 s idle timeout on the same Redis and MongoDB: one victim per endpoint signs in
        // there, all go idle together, then each stale session is replayed once.
        shortSessions = new SpringApplicationBuilder(ApiApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.data.redis.host=127.0.0.1",
                        "--spring.data.redis.port=" + TestServers.redis().port(),
                        "--spring.mongodb.uri=" + TestServers.mongo().connectionString() + "/zoolens",
                        "--zoolens.classifier.url=" + TestServers.classifier().url(),
                        "--zoolens.session.idle-timeout=2s",
                        "--zoolens.worker.enabled=false");
        int replicaPort = Integer.parseInt(shortSessions.getEnvironment().getProperty("local.server.port"));
        Map<String, Victim> victims = new java.util.LinkedHashMap<>();
        for (Endpoint endpoint : ENDPOINTS) {
            victims.put(endpoint.key(), victim(new Browser(replicaPort, TestServers.nextClientIp()), replicaPort));
        }
        Thread.sleep(3_000);
        return matrix("after the idle timeout", ENDPOINTS, endpoint -> {
            Victim victim = victims.get(endpoint.key());
            Browser replay = new Browser(replicaPort, TestServers.nextClientIp());
            replay.setCookie("SESSION", victim.browser().cookie("SESSION").orElseThrow());

            expectAnonymousAnswer(endpoint, send(replay, replicaPort, endpoint, victim, Csrf.VALID));
        });
    }

    @Test
    void aSessionIdPlantedBeforeRegistrationIsWorthlessAfterwards() {
        Browser victim = browser();
        assertThat(victim.upload(TestImages.png(40, 30)).status()).isEqualTo(201); // a guest session exists
        String planted = victim.cookie("SESSION").orElseThrow();

        assertThat(victim.register(uniqueName("fixreg"), PASSWORD).status()).isEqualTo(201);

        assertFixationFails(victim, planted);
    }

    @Test
    void aSessionIdPlantedBeforeSignInIsWorthlessAfterwards() {
        String name = uniqueName("fixlogin");
        assertThat(browser().register(name, PASSWORD).status()).isEqualTo(201);
        Browser attacker = browser();
        assertThat(attacker.upload(TestImages.png(40, 30)).status()).isEqualTo(201);
        String planted = attacker.cookie("SESSION").orElseThrow();
        Browser victim = browser();
        victim.setCookie("SESSION", planted); // e.g. set through a sibling sub-domain

        assertThat(victim.login(name, PASSWORD).status()).isEqualTo(200);

        assertFixationFails(victim, planted);
        assertThat(attacker.get("/api/auth/me").status()).isEqualTo(401);
    }

    @AfterAll
    void stopReplicaAndReport() {
        if (shortSessions != null) {
            shortSessions.close();
        }
        System.out.printf(
                "Access matrix: %d endpoints, %d requests without the right to them%n", ENDPOINTS.size(), tried.size());
    }

    // ---- expectations ------------------------------------------------------------------------------------------

    /** What a caller without an account gets: public ones answer, guest ones show nothing of others, the rest 401. */
    private void expectAnonymousAnswer(Endpoint endpoint, Browser.Response response) {
        assertThat(response.status()).as("%s", response).isLessThan(500).isNotEqualTo(403);
        switch (endpoint.access()) {
            case PUBLIC -> assertThat(response.status()).as("%s", response).isNotEqualTo(401);
            case GUEST -> {
                if (endpoint.takesVictimsId()) {
                    assertThat(response.status()).as("%s", response).isEqualTo(404);
                    assertThat(response.problemType()).isEqualTo("not-found");
                } else {
                    assertThat(response.status()).as("%s", response).isBetween(200, 299);
                }
            }
            case USER -> {
                assertThat(response.status()).as("%s", response).isEqualTo(401);
                ProblemAssertions.assertRefusal(response, null);
                assertThat(response.problemType()).isEqualTo("not-authenticated");
            }
        }
    }

    private void expectCsrfRefusal(Endpoint endpoint, Victim victim, Browser.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(403);
        ProblemAssertions.assertRefusal(response, endpoint.pathFor(victim));
        assertThat(response.problemType()).isEqualTo("csrf-token-invalid");
        assertIntact(victim);
    }

    /** The victim is still signed in, and their item and album are as they were. */
    private void assertIntact(Victim victim) {
        assertThat(victim.browser().get("/api/auth/me").json().path("username").asString())
                .isEqualTo(victim.username());
        JsonNode item =
                victim.browser().get("/api/classifications/" + victim.itemId()).json();
        assertThat(item.path("albumId").asString()).isEqualTo(victim.albumId());
        assertThat(item.path("feedback").isNull()).as("no feedback: %s", item).isTrue();
        assertThat(victim.browser()
                        .get("/api/albums/" + victim.albumId())
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("holiday");
        assertThat(victim.browser()
                        .get("/api/custom-models/" + victim.modelId())
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("mine");
    }

    private void assertFixationFails(Browser victim, String planted) {
        // The id the sign-in answered with (the jar may still hold the planted cookie beside it).
        String now = victim.setCookieHeaders().stream()
                .filter(header -> header.startsWith("SESSION="))
                .reduce((first, last) -> last)
                .map(header -> header.substring("SESSION=".length(), header.indexOf(';')))
                .orElseThrow();
        assertThat(now).isNotEqualTo(planted);
        Browser attacker = browser();
        attacker.setCookie("SESSION", planted);
        assertThat(attacker.get("/api/auth/me").status()).isEqualTo(401);
        String victimsItem =
                victim.upload(TestImages.png(40, 30)).json().path("id").asString();
        assertThat(attacker.get("/api/classifications").text()).doesNotContain(victimsItem);
        assertThat(attacker.get("/api/classifications/" + victimsItem).status()).isEqualTo(404);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private enum Csrf {
        VALID,
        MISSING,
        WRONG
    }

    private Stream<DynamicNode> matrix(String column, List<Endpoint> endpoints, EndpointCheck check) {
        return Stream.of(DynamicContainer.dynamicContainer(
                column,
                endpoints.stream()
                        .map(endpoint -> DynamicTest.dynamicTest(endpoint.key(), () -> {
                            tried.add(column + " " + endpoint.key());
                            check.run(endpoint);
                        }))));
    }

    private static List<Endpoint> stateChanging() {
        return ENDPOINTS.stream().filter(Endpoint::changesState).toList();
    }

    private static Browser.Response send(Browser browser, int port, Endpoint endpoint, Victim victim, Csrf csrf) {
        Body body = endpoint.body().apply(victim);
        HostileRequests requests = new HostileRequests(port, browser);
        String path = endpoint.pathFor(victim);
        String contentType = body == null ? null : body.contentType();
        byte[] bytes = body == null ? null : body.bytes();
        return switch (csrf) {
            case VALID -> requests.send(endpoint.method(), path, contentType, bytes);
            case MISSING -> requests.withoutCsrf().send(endpoint.method(), path, contentType, bytes);
            case WRONG ->
                requests.withoutCsrf()
                        .send(
                                endpoint.method(),
                                path,
                                contentType,
                                bytes,
                                "X-XSRF-TOKEN",
                                UUID.randomUUID().toString());
        };
    }

    private static String victimsId(Victim victim) {
        return victim.browser()
                .get("/api/auth/session")
                .json()
                .path("user")
                .path("id")
                .asString();
    }

    private Victim victim() {
        return victim(browser(), port);
    }

    /**
     * One victim for the columns that must leave the victim untouched (every check ends with {@link #assertIntact});
     * a failure there shows in every later check too. Sign-out and expiry end sessions, so they get their own.
     */
    private Victim sharedVictim() {
        if (shared == null) {
            shared = victim();
        }
        return shared;
    }

    private static Victim victim(Browser browser, int port) {
        String name = uniqueName("victim");
        assertThat(browser.register(name, PASSWORD).status()).isEqualTo(201);
        Browser.Response album = browser.postJson("/api/albums", Map.of("name", "holiday"));
        String albumId = album.json().path("id").asString();
        Browser.Response item = browser.upload(TestImages.png(48, 32), "victim.png", Map.of("albumId", albumId));
        assertThat(item.status()).as("%s", item).isEqualTo(201);
        String pets = browser.postJson("/api/albums", Map.of("name", "pets"))
                .json()
                .path("id")
                .asString();
        Browser.Response model =
                browser.postJson("/api/custom-models", Map.of("name", "mine", "albumIds", List.of(albumId, pets)));
        assertThat(model.status()).as("%s", model).isEqualTo(201);
        return new Victim(
                browser,
                port,
                name,
                item.json().path("id").asString(),
                albumId,
                model.json().path("id").asString(),
                NO_SUCH_ID + "7");
    }

    private static String registration(String name) {
        return "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.org\",\"password\":\"" + PASSWORD
                + "\"}";
    }

    private static Body upload() {
        HostileRequests.Multipart form =
                new HostileRequests.Multipart().file("image", "cat.png", TestImages.png(40, 30));
        return new Body("multipart/form-data; boundary=" + form.boundary(), form.bytes());
    }

    /** A ZIP with one picture in one folder, for the album import. */
    private static Body archive() {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("attacker/cat.png"));
            zip.write(TestImages.png(40, 31));
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Body("application/zip", bytes.toByteArray());
    }

    @FunctionalInterface
    private interface EndpointCheck {
        void run(Endpoint endpoint) throws Exception;
    }
}
