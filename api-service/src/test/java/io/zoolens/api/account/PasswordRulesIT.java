package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 12, item 14: the password rules are stated up front, checked live, and every broken one named at once. */
class PasswordRulesIT extends ApiIntegrationTest {

    @Test
    void theRulesAreStatedWithStableCodes() {
        Browser.Response rules = browser().get("/api/auth/password-rules");

        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.json().path("minLength").asInt()).isEqualTo(10);
        assertThat(rules.json().path("maxBytes").asInt()).isEqualTo(72);
        assertThat(rules.json().path("rules").findValuesAsString("code"))
                .containsExactly("min-length", "max-bytes", "not-common", "not-personal");
        assertThat(rules.json().path("rules").findValuesAsString("text"))
                .containsExactly(
                        "At least 10 characters",
                        "At most 72 bytes",
                        "Not a common password",
                        "Must not contain your username or email");
    }

    @Test
    void aCheckNamesEveryBrokenRuleAtOnce() {
        Browser visitor = browser();

        JsonNode weak = check(visitor, Map.of("password", "alice1", "username", "alice", "email", "a@example.org"));
        JsonNode good = check(visitor, Map.of("password", "correct horse battery", "username", "alice"));
        JsonNode passwordOnly = check(visitor, Map.of("password", "sunshine2024!"));

        assertThat(weak.path("acceptable").asBoolean()).isFalse();
        assertThat(weak.path("failed").findValuesAsString("code"))
                .containsExactly("min-length", "not-common", "not-personal");
        assertThat(weak.path("failed").findValuesAsString("text")).contains("At least 10 characters");
        assertThat(good.path("acceptable").asBoolean()).isTrue();
        assertThat(good.path("failed").size()).isZero();
        assertThat(passwordOnly.path("failed").findValuesAsString("code")).containsExactly("not-common");
    }

    @Test
    void registrationListsEveryBrokenRuleAndKeepsItsDetail() {
        String name = uniqueName("frank");

        Browser.Response response = browser().register(name, "qwerty1");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problemType()).isEqualTo("weak-password");
        assertThat(response.json().path("detail").asString()).contains("at least 10 characters");
        JsonNode errors = response.json().path("errors");
        assertThat(errors.findValuesAsString("field")).containsOnly("password");
        assertThat(errors.findValuesAsString("code")).containsExactly("min-length", "not-common");
        assertThat(errors.findValuesAsString("message"))
                .allSatisfy(message -> assertThat(message).isNotBlank());
    }

    @Test
    void checksNeedTheCsrfTokenAndAreLimitedPerAddress() {
        Browser visitor = browser();
        Browser.Response forged =
                browser().fetchCsrf().withoutCsrfHeader().postJson("/api/auth/password-check", Map.of("password", "x"));
        for (int i = 0; i < 60; i++) {
            assertThat(visitor.postJson("/api/auth/password-check", Map.of("password", "attempt " + i))
                            .status())
                    .isEqualTo(200);
        }

        Browser.Response limited = visitor.postJson("/api/auth/password-check", Map.of("password", "one more"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemType()).isEqualTo("rate-limited");
        assertThat(limited.json().path("limit").asInt()).isEqualTo(60);
        assertThat(limited.json().path("windowSeconds").asInt()).isEqualTo(60);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(browser()
                        .postJson("/api/auth/password-check", Map.of("password", "x"))
                        .status())
                .as("another address")
                .isEqualTo(200);
    }

    @Test
    void aMissingPasswordIsA400() {
        Browser.Response response = browser().postJson("/api/auth/password-check", Map.of("username", "alice"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsString("field")).containsExactly("password");
    }

    private static JsonNode check(Browser browser, Map<String, String> body) {
        Browser.Response response = browser.postJson("/api/auth/password-check", body);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }
}
