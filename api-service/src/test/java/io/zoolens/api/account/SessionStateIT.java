package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.StoredData;
import io.zoolens.image.testing.TestImages;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, items 4 and 15: {@code GET /api/auth/session} answers every visitor with 200 (no 401 in a guest's
 * console), and {@code X-Expected-User} turns a request of a client that still believes it is signed in into 401
 * {@code session-ended} instead of a silent guest upload.
 */
class SessionStateIT extends ApiIntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aNewVisitorGetsA200WithTheLimitsAndNoSession() {
        Browser visitor = browser();
        Set<String> sessionsBefore = sessions();

        Browser.Response session = visitor.get("/api/auth/session");

        assertThat(session.status()).isEqualTo(200);
        JsonNode body = session.json();
        assertThat(body.path("user").isNull()).isTrue();
        assertThat(body.path("guest").asBoolean()).isFalse();
        assertThat(body.path("usage").isNull()).isTrue();
        JsonNode limits = body.path("limits");
        assertThat(limits.path("guestUploads").path("max").asInt()).isEqualTo(30);
        assertThat(limits.path("guestUploads").path("windowSeconds").asLong()).isEqualTo(3600);
        assertThat(limits.path("guestUploads").path("perAddress").asBoolean()).isTrue();
        assertThat(limits.path("upload").path("maxBytes").asLong()).isEqualTo(2L * 1024 * 1024); // test profile
        assertThat(limits.path("upload").path("maxPixels").asLong()).isEqualTo(4_000_000);
        assertThat(limits.path("upload").path("allowedTypes").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp");
        assertThat(limits.path("accountUploads").path("windowSeconds").asLong()).isEqualTo(60);
        assertThat(limits.path("accountUploadsPerDay").path("windowSeconds").asLong())
                .isEqualTo(86_400);
        assertThat(limits.path("storageQuotaBytes").asLong()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(visitor.cookie("SESSION")).isEmpty();
        // Compared by key: sessions of earlier tests may expire meanwhile, none may be added.
        assertThat(sessions()).isSubsetOf(sessionsBefore);
    }

    @Test
    void aGuestWhoUploadedIsAGuestWithoutUsage() {
        Browser guest = browser();
        assertThat(guest.upload(TestImages.png(30, 20)).status()).isEqualTo(201);

        JsonNode session = guest.get("/api/auth/session").json();

        assertThat(session.path("guest").asBoolean()).isTrue();
        assertThat(session.path("user").isNull()).isTrue();
        assertThat(session.path("usage").isNull()).isTrue();
    }

    @Test
    void aSignedInUserSeesTheAccountAndItsUsage() {
        Browser user = signedIn("usage");
        long first = user.upload(TestImages.png(31, 20))
                .json()
                .path("image")
                .path("bytes")
                .asLong();
        long second = user.upload(TestImages.jpeg(40, 30))
                .json()
                .path("image")
                .path("bytes")
                .asLong();

        JsonNode session = user.get("/api/auth/session").json();

        assertThat(session.path("user").path("username").asString()).startsWith("usage-");
        assertThat(session.path("user").path("id").asString()).isNotBlank();
        assertThat(session.path("guest").asBoolean()).isFalse();
        assertThat(session.path("usage").path("items").asLong()).isEqualTo(2);
        assertThat(session.path("usage").path("storedBytes").asLong()).isEqualTo(first + second);
        assertThat(session.path("usage").path("quotaBytes").asLong()).isEqualTo(2L * 1024 * 1024 * 1024);
    }

    @Test
    void afterTheSessionEndedElsewhereTheAnswerIsStillA200WithoutUser() {
        Ended ended = endedSession();

        Browser.Response session = ended.browser().get("/api/auth/session", "X-Expected-User", ended.userId());

        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().path("user").isNull()).isTrue();
    }

    @Test
    void anUploadExpectingAUserWhoseSessionEndedIs401AndStoresNothing() {
        Ended ended = endedSession();
        StoredData.Counts before = StoredData.count(mongo);
        Set<String> sessionsBefore = sessions();

        Browser.Response upload =
                ended.browser().uploadWithHeaders(TestImages.png(33, 20), "X-Expected-User", ended.userId());

        assertThat(upload.status()).as("%s", upload).isEqualTo(401);
        assertThat(upload.header("Content-Type")).startsWith("application/problem+json");
        assertThat(upload.problemType()).isEqualTo("session-ended");
        assertThat(upload.json().path("detail").asString()).isEqualTo("You were signed out — sign in again.");
        assertThat(upload.json().path("requestId").asString()).isNotBlank();
        assertThat(StoredData.count(mongo)).isEqualTo(before);
        assertThat(sessions()).as("no guest session").isSubsetOf(sessionsBefore);
        assertThat(upload.headers("Set-Cookie"))
                .as("no new session cookie")
                .noneMatch(header -> header.startsWith("SESSION=") && !header.startsWith("SESSION=;"));
    }

    @Test
    void readsExpectingAnotherUserAre401ToAndWithoutTheHeaderAGuestIsAGuest() {
        Browser alice = signedIn("alice");
        Browser bob = signedIn("bob");
        String bobsId =
                bob.get("/api/auth/session").json().path("user").path("id").asString();

        Browser.Response wrongUser = alice.get("/api/classifications", "X-Expected-User", bobsId);
        Browser.Response noSession = browser().get("/api/stats", "X-Expected-User", bobsId);
        Browser.Response rightUser = bob.uploadWithHeaders(TestImages.png(34, 20), "X-Expected-User", bobsId);
        Browser.Response withoutHeader = browser().upload(TestImages.png(35, 20));

        assertThat(wrongUser.status()).isEqualTo(401);
        assertThat(wrongUser.problemType()).isEqualTo("session-ended");
        assertThat(noSession.status()).isEqualTo(401);
        assertThat(noSession.problemType()).isEqualTo("session-ended");
        assertThat(rightUser.status()).as("%s", rightUser).isEqualTo(201);
        assertThat(withoutHeader.status()).isEqualTo(201);
    }

    @Test
    void signingInAgainWithTheHeaderStillWorks() {
        String name = uniqueName("again");
        Browser browser = browser();
        browser.register(name, PASSWORD);
        String id =
                browser.get("/api/auth/session").json().path("user").path("id").asString();
        browser.post("/api/auth/logout");

        Browser.Response login = browser.postJsonWithHeaders(
                "/api/auth/login",
                Map.of("login", name, "password", PASSWORD),
                "X-Expected-User",
                id,
                "X-XSRF-TOKEN",
                browser.cookie("XSRF-TOKEN").orElseThrow());

        assertThat(login.status()).as("%s", login).isEqualTo(200);
    }

    /** A browser signed in to an account whose sessions were all ended from another device. */
    private Ended endedSession() {
        String name = uniqueName("ended");
        Browser laptop = browser();
        assertThat(laptop.register(name, PASSWORD).status()).isEqualTo(201);
        String userId =
                laptop.get("/api/auth/session").json().path("user").path("id").asString();
        Browser phone = browser();
        assertThat(phone.login(name, PASSWORD).status()).isEqualTo(200);
        assertThat(phone.post("/api/auth/logout-everywhere").status()).isEqualTo(204);
        return new Ended(laptop, userId);
    }

    private Set<String> sessions() {
        return redis.keys("zoolens:session:sessions:*");
    }

    private record Ended(Browser browser, String userId) {}
}
