package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.HostileRequests;
import io.zoolens.api.support.ProblemAssertions;
import org.junit.jupiter.api.Test;

/** Issue 12, item 3: a path nothing serves is 404 {@code not-found} for everyone, not 401 for guests. */
class UnknownPathsIT extends ApiIntegrationTest {

    @Test
    void guestsAndUsersAlikeGet404ForAPathNothingServes() {
        Browser guest = browser();
        Browser user = signedIn("lost");

        for (String path : new String[] {"/api/nothing-here", "/api/auth/nothing", "/api/albums/x/y/z", "/api/v2"}) {
            Browser.Response asGuest = guest.get(path);
            Browser.Response asUser = user.get(path);
            ProblemAssertions.assertRefusal(asGuest, path);
            assertThat(asGuest.status()).as("%s as a guest: %s", path, asGuest).isEqualTo(404);
            assertThat(asGuest.problemType()).isEqualTo("not-found");
            assertThat(asUser.status()).as("%s signed in: %s", path, asUser).isEqualTo(404);
            assertThat(asUser.problemType()).isEqualTo("not-found");
        }
        assertThat(guest.cookie("SESSION")).isEmpty();
    }

    @Test
    void stateChangingRequestsToUnknownPathsAre404ToWithoutACsrfToken() {
        HostileRequests guest = new HostileRequests(port, browser()).withoutCsrf();

        Browser.Response post = guest.send("POST", "/api/nothing-here", "application/json", "{}".getBytes());
        Browser.Response delete = guest.send("DELETE", "/api/auth/nothing", null, null);

        assertThat(post.status()).as("%s", post).isEqualTo(404);
        assertThat(post.problemType()).isEqualTo("not-found");
        assertThat(delete.status()).as("%s", delete).isEqualTo(404);
    }

    @Test
    void knownPathsKeepTheirRules() {
        Browser guest = browser();

        assertThat(guest.get("/api/albums").status())
                .as("albums need an account")
                .isEqualTo(401);
        assertThat(guest.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(guest.fetchCsrf()
                        .withoutCsrfHeader()
                        .post("/api/auth/logout")
                        .status())
                .as("sign-out is Spring Security's filter, still CSRF-protected")
                .isEqualTo(403);
        assertThat(browser().get("/api/classifications/does-not-exist").problemType())
                .isEqualTo("not-found");
    }
}
