package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 3: every answer that starts or ends a session sets a new {@code XSRF-TOKEN} cookie (not only a
 * deletion), and the next state-changing request works with the value from the cookie jar, without asking {@code
 * /api/auth/csrf}. The requests here send exactly what the jar holds; they never fetch a token themselves.
 */
class CsrfRenewalIT extends ApiIntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void signOutRenewsTheTokenAndTheNextSignInWorksWithIt() {
        String name = uniqueName("renew");
        Browser browser = browser();
        browser.register(name, PASSWORD);
        String before = jarToken(browser);

        Browser.Response logout = send(browser, "/api/auth/logout", null);

        assertThat(logout.status()).isEqualTo(204);
        assertRenewed(logout, browser, before);
        Browser.Response login = send(browser, "/api/auth/login", Map.of("login", name, "password", PASSWORD));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
    }

    @Test
    void signInAndRegistrationRenewTheToken() {
        String name = uniqueName("renew");
        Browser browser = browser().fetchCsrf();
        String before = jarToken(browser);

        Browser.Response registered = send(
                browser,
                "/api/auth/register",
                Map.of("username", name, "email", name + "@example.org", "password", PASSWORD));
        assertThat(registered.status()).isEqualTo(201);
        String afterRegistration = assertRenewed(registered, browser, before);
        assertThat(send(browser, "/api/auth/logout", null).status()).isEqualTo(204);
        String afterLogout = jarToken(browser);
        Browser.Response login = send(browser, "/api/auth/login", Map.of("login", name, "password", PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertRenewed(login, browser, afterLogout);
        assertThat(afterLogout).isNotEqualTo(afterRegistration);
        assertThat(send(browser, "/api/albums", Map.of("name", "after sign-in")).status())
                .isEqualTo(201);
    }

    @Test
    void signOutEverywhereAndAccountDeletionRenewTheToken() {
        Browser browser = signedIn("renew");
        String before = jarToken(browser);

        Browser.Response everywhere = send(browser, "/api/auth/logout-everywhere", null);
        assertThat(everywhere.status()).isEqualTo(204);
        String afterEverywhere = assertRenewed(everywhere, browser, before);
        String name = uniqueName("renew");
        assertThat(send(
                                browser,
                                "/api/auth/register",
                                Map.of("username", name, "email", name + "@example.org", "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        String beforeDeletion = jarToken(browser);
        Browser.Response deleted = sendDelete(browser, "/api/account");

        assertThat(deleted.status()).isEqualTo(204);
        assertRenewed(deleted, browser, beforeDeletion);
        assertThat(beforeDeletion).isNotEqualTo(afterEverywhere);
        assertThat(send(browser, "/api/auth/login", Map.of("login", name, "password", PASSWORD))
                        .status())
                .as("the deleted account's sign-in is checked (401), not refused for CSRF (403)")
                .isEqualTo(401);
    }

    @Test
    void anOldTokenIsWorthlessAfterSignOut() {
        Browser browser = signedIn("stale");
        String before = jarToken(browser);
        send(browser, "/api/auth/logout", null);

        Browser.Response stale = browser.withoutCsrfHeader()
                .postJsonWithHeaders("/api/albums", Map.of("name", "x"), "X-XSRF-TOKEN", before);

        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.problemType()).isEqualTo("csrf-token-invalid");
    }

    /** The answer set a non-empty XSRF-TOKEN other than {@code before}, and the jar holds it now. */
    private static String assertRenewed(Browser.Response response, Browser browser, String before) {
        List<String> set = response.headers("Set-Cookie").stream()
                .filter(header -> header.startsWith("XSRF-TOKEN="))
                .map(header -> header.substring("XSRF-TOKEN=".length(), header.indexOf(';')))
                .filter(value -> !value.isEmpty())
                .toList();
        assertThat(set)
                .as("a new XSRF-TOKEN value in %s", response.headers("Set-Cookie"))
                .hasSize(1);
        assertThat(set.get(0)).isNotEqualTo(before);
        assertThat(jarToken(browser)).isEqualTo(set.get(0));
        return set.get(0);
    }

    private static String jarToken(Browser browser) {
        return browser.cookie("XSRF-TOKEN").orElseThrow(() -> new AssertionError("no XSRF-TOKEN in the jar"));
    }

    /** A POST with the jar's token: with a token in the jar, {@link Browser} sends it as it is and fetches none. */
    private static Browser.Response send(Browser browser, String path, Object json) {
        jarToken(browser);
        return json == null ? browser.post(path) : browser.postJson(path, json);
    }

    private static Browser.Response sendDelete(Browser browser, String path) {
        jarToken(browser);
        return browser.delete(path);
    }
}
