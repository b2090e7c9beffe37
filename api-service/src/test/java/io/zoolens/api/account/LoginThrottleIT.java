package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 17: wrong passwords from anywhere no longer lock the owner out, while guessing stays slow. Real
 * HTTP, real Redis; every {@link Browser} is a new address (and a new cookie jar, i.e. an unknown device).
 */
class LoginThrottleIT extends ApiIntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void aDistributedGuessingAttackDoesNotLockTheOwnerOutOfTheirDevices() {
        String name = uniqueName("target");
        Browser owner = browser();
        assertThat(owner.register(name, PASSWORD).status()).isEqualTo(201); // this browser is now known
        assertThat(owner.post("/api/auth/logout").status()).isEqualTo(204);
        for (int i = 0; i < 10; i++) {
            assertThat(browser().login(name, "guess number " + i).status()).isEqualTo(401);
        }

        Browser.Response attacker = browser().login(name, PASSWORD);
        Browser.Response ownersDevice = owner.login(name, PASSWORD);

        assertThat(attacker.status())
                .as("a new device over the account's budget: %s", attacker)
                .isEqualTo(429);
        assertThat(attacker.problemType()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(attacker.header("Retry-After"))).isBetween(1L, 1800L);
        assertThat(attacker.json().path("retryAfterSeconds").asLong()).isBetween(1L, 1800L);
        assertThat(ownersDevice.status())
                .as("the owner's known device: %s", ownersDevice)
                .isEqualTo(200);
        assertThat(owner.get("/api/auth/me").json().path("username").asString()).isEqualTo(name);
    }

    @Test
    void failuresFromOneAddressAreDelayedProgressivelyAndOnlyThere() throws InterruptedException {
        String name = uniqueName("slowed");
        browser().register(name, PASSWORD);
        Browser guesser = browser();
        for (int i = 0; i < 3; i++) {
            assertThat(guesser.login(name, "guess " + i).status()).isEqualTo(401);
        }

        Browser.Response waitOne = guesser.login(name, PASSWORD);
        Browser.Response elsewhere = browser().login(name, PASSWORD);
        Thread.sleep(1_100);
        Browser.Response fourth = guesser.login(name, "guess 3");
        Browser.Response waitTwo = guesser.login(name, "guess 4");

        assertThat(waitOne.status())
                .as("after 3 failures the pair waits 1 s: %s", waitOne)
                .isEqualTo(429);
        assertThat(waitOne.header("Retry-After")).isEqualTo("1");
        assertThat(elsewhere.status())
                .as("another address is not slowed: %s", elsewhere)
                .isEqualTo(200);
        assertThat(fourth.status())
                .as("after the wait the next guess is checked: %s", fourth)
                .isEqualTo(401);
        assertThat(waitTwo.status()).isEqualTo(429);
        assertThat(waitTwo.header("Retry-After")).isEqualTo("2");
        assertThat(waitTwo.json().path("detail").asString()).contains("wait 2 seconds");
    }

    @Test
    void aSuccessStartsThePairAfresh() {
        String name = uniqueName("typo");
        Browser owner = browser();
        owner.register(name, PASSWORD);
        owner.post("/api/auth/logout");
        owner.login(name, "typo one");
        owner.login(name, "typo two");
        assertThat(owner.login(name, PASSWORD).status()).isEqualTo(200);
        owner.post("/api/auth/logout");

        for (int i = 0; i < 3; i++) {
            assertThat(owner.login(name, "typo again " + i).status()).isEqualTo(401);
        }
    }

    @Test
    void unknownAccountsAreThrottledAlikeSoTheAnswersRevealNothing() {
        String name = uniqueName("known");
        browser().register(name, PASSWORD);
        String nobody = uniqueName("nobody");
        Browser guesser = browser();

        for (int i = 0; i < 3; i++) {
            assertThat(guesser.login(name, "guess " + i).status()).isEqualTo(401);
            assertThat(guesser.login(nobody, "guess " + i).status()).isEqualTo(401);
        }

        Browser.Response existing = guesser.login(name, "guess 3");
        Browser.Response missing = guesser.login(nobody, "guess 3");
        assertThat(existing.status()).isEqualTo(429);
        assertThat(missing.status()).isEqualTo(429);
        assertThat(missing.json().path("detail").asString())
                .isEqualTo(existing.json().path("detail").asString());
    }

    @Test
    void theDeviceCookieIsHttpOnlyAndOnlyForTheAuthEndpoints() {
        Browser browser = browser();
        browser.register(uniqueName("device"), PASSWORD);

        String device = browser.setCookieHeaders().stream()
                .filter(header -> header.startsWith(KnownDevices.COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(device).contains("Path=/api/auth").contains("HttpOnly").contains("SameSite=Lax");
    }
}
