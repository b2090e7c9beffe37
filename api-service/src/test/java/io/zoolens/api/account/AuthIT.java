package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.image.testing.TestImages;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthIT extends ApiIntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void registrationSignsInAndMeAnswersTheAccount() {
        Browser browser = browser();
        String name = uniqueName("alice");

        Browser.Response registered = browser.register(name, PASSWORD);

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("Location")).isEqualTo("/api/auth/me");
        assertThat(registered.json().path("username").asString()).isEqualTo(name);
        assertThat(registered.json().path("id").asString()).isNotBlank();
        assertThat(registered.json().path("createdAt").asString()).endsWith("Z");
        assertThat(registered.json().has("passwordHash")).isFalse();
        Browser.Response me = browser.get("/api/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("email").asString()).isEqualTo(name + "@example.org");
    }

    @Test
    void sessionCookieIsHttpOnlyLaxAndThereIsNeverAJsessionid() {
        Browser browser = browser();
        browser.register(uniqueName("cookie"), PASSWORD);
        browser.get("/api/auth/me");

        String session = browser.setCookieHeaders().stream()
                .filter(header -> header.startsWith("SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(session).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        assertThat(browser.setCookieHeaders()).noneMatch(header -> header.startsWith("JSESSIONID"));
        String xsrf = browser.setCookieHeaders().stream()
                .filter(header -> header.startsWith("XSRF-TOKEN="))
                .findFirst()
                .orElseThrow();
        assertThat(xsrf).doesNotContain("HttpOnly").contains("SameSite=Lax");
    }

    @Test
    void behindTlsTheSessionCookieIsSecure() {
        Browser browser = browser();
        browser.fetchCsrf();
        String name = uniqueName("tls");

        Browser.Response registered = browser.postJsonWithHeaders(
                "/api/auth/register",
                Map.of("username", name, "email", name + "@example.org", "password", PASSWORD),
                "X-Forwarded-Proto",
                "https",
                "X-XSRF-TOKEN",
                browser.cookie("XSRF-TOKEN").orElseThrow());

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.headers("Set-Cookie"))
                .anySatisfy(header -> assertThat(header).startsWith("SESSION=").contains("Secure"));
    }

    @Test
    void loginWorksWithUsernameOrEmailInAnyCase() {
        String name = uniqueName("bob");
        browser().register(name, PASSWORD);

        Browser byName = browser();
        assertThat(byName.login(name.toUpperCase(), PASSWORD).status()).isEqualTo(200);
        assertThat(byName.get("/api/auth/me").json().path("username").asString())
                .isEqualTo(name);

        Browser byEmail = browser();
        Browser.Response login = byEmail.login(name + "@EXAMPLE.org", PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("username").asString()).isEqualTo(name);
    }

    @Test
    void loginChangesTheSessionIdAndTheOldIdIsWorthless() {
        String name = uniqueName("fixation");
        browser().register(name, PASSWORD);
        Browser browser = browser();
        browser.upload(TestImages.png(64, 48)); // a guest session exists before the login
        String guestSession = browser.cookie("SESSION").orElseThrow();

        assertThat(browser.login(name, PASSWORD).status()).isEqualTo(200);

        String userSession = browser.cookie("SESSION").orElseThrow();
        assertThat(userSession).isNotEqualTo(guestSession);
        Browser attacker = browser();
        attacker.setCookie("SESSION", guestSession);
        assertThat(attacker.get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordAndUnknownAccountAnswerTheSame401() {
        String name = uniqueName("carol");
        browser().register(name, PASSWORD);

        Browser.Response wrong = browser().login(name, "not the password at all");
        Browser.Response unknown = browser().login(uniqueName("nobody"), PASSWORD);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.problemType()).isEqualTo("bad-credentials");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.problemType()).isEqualTo("bad-credentials");
        assertThat(unknown.json().path("detail").asString())
                .isEqualTo(wrong.json().path("detail").asString());
    }

    @Test
    void takenUsernameOrEmailAnswers409EvenInAnotherCase() {
        String name = uniqueName("dave");
        browser().register(name, PASSWORD);

        Browser.Response sameName = browser()
                .postJson(
                        "/api/auth/register",
                        Map.of(
                                "username",
                                name.toUpperCase(),
                                "email",
                                uniqueName("x") + "@example.org",
                                "password",
                                PASSWORD));
        Browser.Response sameEmail = browser()
                .postJson(
                        "/api/auth/register",
                        Map.of(
                                "username",
                                uniqueName("eve"),
                                "email",
                                (name + "@example.org").toUpperCase(),
                                "password",
                                PASSWORD));

        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.problemType()).isEqualTo("username-taken");
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.problemType()).isEqualTo("email-taken");
    }

    @Test
    void shortCommonOrPersonalPasswordsAreRefusedWith422() {
        String name = uniqueName("frank");

        Browser.Response tooShort = browser().register(name, "Sh0rt!x");
        Browser.Response common = browser().register(name, "password1234");
        Browser.Response commonWithSuffix = browser().register(name, "qwertyuiop2024!");
        Browser.Response containsName = browser().register(name, "my " + name + " secret");

        for (Browser.Response response : new Browser.Response[] {tooShort, common, commonWithSuffix, containsName}) {
            assertThat(response.status()).as(response.toString()).isEqualTo(422);
            assertThat(response.problemType()).isEqualTo("weak-password");
        }
        assertThat(tooShort.json().path("detail").asString()).contains("10 characters");
        assertThat(browser().login(name, "password1234").status()).isEqualTo(401);
    }

    @Test
    void missingFieldsAreListedInA400() {
        Browser.Response response = browser().postJson("/api/auth/register", Map.of("username", "x"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("validation-failed");
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .contains("username", "email", "password");
    }

    @Test
    void wrongTypesAndBrokenJsonAre400() {
        Browser.Response wrongType = browser()
                .postJson("/api/auth/login", "{\"login\": [\"a\", \"b\"], \"password\": \"correct horse battery\"}");
        Browser.Response broken = browser().postJson("/api/auth/login", "{\"login\": ");
        Browser.Response badEmail = browser()
                .postJson(
                        "/api/auth/register",
                        Map.of("username", uniqueName("g"), "email", "not-an-email", "password", PASSWORD));

        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.problemType()).isEqualTo("validation-failed");
        assertThat(wrongType.json().path("errors").findValuesAsString("field")).contains("login");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.problemType()).isEqualTo("validation-failed");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().path("errors").findValuesAsString("field")).containsExactly("email");
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfHeaderAre403() {
        String name = uniqueName("csrf");
        Browser signedIn = browser();
        signedIn.register(name, PASSWORD);

        Browser.Response login = browser().fetchCsrf().withoutCsrfHeader().login(name, PASSWORD);
        Browser.Response logout = signedIn.withoutCsrfHeader().post("/api/auth/logout");

        assertThat(login.status()).isEqualTo(403);
        assertThat(login.header("Content-Type")).startsWith("application/problem+json");
        assertThat(login.problemType()).isEqualTo("csrf-token-invalid");
        assertThat(logout.status()).isEqualTo(403);
        assertThat(signedIn.get("/api/auth/me").status()).isEqualTo(200);
    }

    @Test
    void aWrongCsrfTokenIs403() {
        Browser browser = browser().fetchCsrf();

        Browser.Response response = browser.postJsonWithHeaders(
                "/api/auth/login", Map.of("login", "x", "password", PASSWORD), "X-XSRF-TOKEN", "forged-token");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.problemType()).isEqualTo("csrf-token-invalid");
    }

    @Test
    void csrfEndpointAnswersTheCookieValueAndTheHeaderName() {
        Browser browser = browser();

        Browser.Response csrf = browser.get("/api/auth/csrf");

        assertThat(csrf.status()).isEqualTo(200);
        assertThat(csrf.json().path("headerName").asString()).isEqualTo("X-XSRF-TOKEN");
        assertThat(csrf.json().path("token").asString())
                .isEqualTo(browser.cookie("XSRF-TOKEN").orElseThrow());
        assertThat(browser.cookie("SESSION")).isEmpty();
    }

    @Test
    void guestsGetA401ProblemNeverARedirect() {
        Browser.Response me = browser().get("/api/auth/me");

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.header("Location")).isNull();
        assertThat(me.header("Content-Type")).startsWith("application/problem+json");
        assertThat(me.problemType()).isEqualTo("not-authenticated");
        assertThat(me.json().path("instance").asString()).isEqualTo("/api/auth/me");
    }

    @Test
    void logoutEndsTheSession() {
        Browser browser = signedIn("logout");

        Browser.Response logout = browser.post("/api/auth/logout");

        assertThat(logout.status()).isEqualTo(204);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(browser.cookie("SESSION")).isEmpty();
    }

    @Test
    void signOutEverywhereEndsEverySessionOfTheUser() {
        String name = uniqueName("everywhere");
        Browser laptop = browser();
        laptop.register(name, PASSWORD);
        Browser phone = browser();
        phone.login(name, PASSWORD);
        Browser other = signedIn("bystander");

        Browser.Response response = laptop.post("/api/auth/logout-everywhere");

        assertThat(response.status()).isEqualTo(204);
        assertThat(laptop.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(phone.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(other.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(browser().post("/api/auth/logout-everywhere").status()).isEqualTo(401);
    }

    @Test
    void oneClientIsLimitedAcrossAccounts() {
        Browser client = browser();
        for (int i = 0; i < 20; i++) {
            assertThat(client.login(uniqueName("probe") + i, PASSWORD).status()).isEqualTo(401);
        }

        Browser.Response limited = client.login(uniqueName("probe"), PASSWORD);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(browser().login(uniqueName("probe"), PASSWORD).status()).isEqualTo(401);
    }
}
