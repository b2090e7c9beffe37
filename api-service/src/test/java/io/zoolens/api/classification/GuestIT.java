package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.image.testing.TestImages;
import org.junit.jupiter.api.Test;

/** Guests classify without an account; their results follow them into the account. */
class GuestIT extends ApiIntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void aGuestClassifiesAndSeesOnlyTheirOwnResults() {
        Browser guest = browser();
        Browser otherGuest = browser();

        Response uploaded = guest.upload(TestImages.png(90, 60));
        otherGuest.upload(TestImages.png(91, 60));

        assertThat(uploaded.status()).isEqualTo(201);
        assertThat(guest.cookie("SESSION")).isPresent();
        String id = uploaded.json().path("id").asString();
        assertThat(guest.get("/api/classifications").json().path("items").findValuesAsString("id"))
                .containsExactly(id);
        assertThat(guest.get("/api/classifications/" + id + "/thumbnail").status())
                .isEqualTo(200);
        assertThat(otherGuest.get("/api/classifications/" + id).status()).isEqualTo(404);
        assertThat(guest.get("/api/stats")
                        .json()
                        .path("totals")
                        .path("classifications")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aNewVisitorHasNoItemsAndNoSession() {
        Browser visitor = browser();

        Response list = visitor.get("/api/classifications");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("totalItems").asInt()).isZero();
        assertThat(visitor.cookie("SESSION")).isEmpty();
    }

    @Test
    void registeringMovesTheGuestsResultsIntoTheAccount() {
        Browser browser = browser();
        String first = browser.upload(TestImages.png(92, 60)).json().path("id").asString();
        String second = browser.upload(TestImages.png(93, 60)).json().path("id").asString();

        assertThat(browser.register(uniqueName("convert"), PASSWORD).status()).isEqualTo(201);

        assertThat(browser.get("/api/classifications").json().path("items").findValuesAsString("id"))
                .containsExactlyInAnyOrder(first, second);
        assertThat(browser.post("/api/auth/logout").status()).isEqualTo(204);
        assertThat(browser.get("/api/classifications/" + first).status()).isEqualTo(404);
    }

    @Test
    void signingInMovesTheGuestsResultsIntoTheExistingAccount() {
        String name = uniqueName("returning");
        Browser home = browser();
        home.register(name, PASSWORD);
        String old = home.upload(TestImages.png(94, 60)).json().path("id").asString();

        Browser cafe = browser();
        String fresh = cafe.upload(TestImages.png(95, 60)).json().path("id").asString();
        assertThat(cafe.login(name, PASSWORD).status()).isEqualTo(200);

        assertThat(home.get("/api/classifications").json().path("items").findValuesAsString("id"))
                .containsExactlyInAnyOrder(old, fresh);
    }

    @Test
    void guestUploadsAreRateLimitedPerClient() {
        Browser guest = browser();
        for (int i = 0; i < 30; i++) {
            assertThat(guest.upload(TestImages.png(8, 8 + i)).status()).isEqualTo(201);
        }

        Response limited = guest.upload(TestImages.png(8, 50));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemType()).isEqualTo("guest-limit-reached");
        assertThat(limited.header("Retry-After")).isNotNull();
        Browser sameGuestSignedUp = guest;
        sameGuestSignedUp.register(uniqueName("unlimited"), PASSWORD);
        assertThat(sameGuestSignedUp.upload(TestImages.png(8, 51)).status()).isEqualTo(201);
    }

    @Test
    void guestsNeedAnAccountForAlbumsAndAccountEndpoints() {
        Browser guest = browser();

        assertThat(guest.get("/api/albums").status()).isEqualTo(401);
        assertThat(guest.postJson("/api/albums", java.util.Map.of("name", "x")).status())
                .isEqualTo(401);
        assertThat(guest.delete("/api/account").status()).isEqualTo(401);
        assertThat(guest.get("/api/albums").problemType()).isEqualTo("not-authenticated");
    }
}
