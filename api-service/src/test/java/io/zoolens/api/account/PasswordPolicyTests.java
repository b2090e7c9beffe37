package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void aLongUncommonPasswordPasses() {
        assertThatCode(() -> policy.check("correct horse battery", "alice", "alice@example.org"))
                .doesNotThrowAnyException();
    }

    @Test
    void nineCharactersAreTooShort() {
        assertWeak("Zq8#kLm2p", "at least 10 characters");
    }

    @Test
    void passwordsFromTheCommonListAreRefusedInAnyCase() {
        assertWeak("qwertyuiop", "most common");
        assertWeak("Password123", "most common");
        assertWeak("1q2w3e4r5t", "most common");
    }

    @Test
    void aCommonWordWithDigitsOrSymbolsAppendedIsStillCommon() {
        assertWeak("sunshine2024!", "most common");
        assertWeak("football#1987", "most common");
    }

    @Test
    void repeatingFewCharactersIsRefused() {
        assertWeak("zqzqzqzqzqzq", "too few different");
    }

    @Test
    void thePasswordMustNotContainTheUsernameOrEmail() {
        assertWeak("my alice-wonder pass", "username or email", "alice-wonder", "a@example.org");
        assertWeak("x alice@example.org x", "username or email", "someone", "alice@example.org");
    }

    @Test
    void moreThan72BytesIsAValidationError() {
        assertThatThrownBy(() -> policy.check("é".repeat(40), "alice", "alice@example.org"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.problemType()).isEqualTo(ProblemType.VALIDATION_FAILED));
    }

    @Test
    void everyBrokenRuleIsNamedAtOnceAndAtRegistrationListedInErrors() {
        assertThat(policy.failures("alice1", "alice", "a@example.org"))
                .extracting(failure -> failure.rule().code())
                .containsExactly("min-length", "not-common", "not-personal");
        assertThat(policy.failures("é".repeat(40) + "alice", "alice", null))
                .extracting(failure -> failure.rule().code())
                .containsExactly("max-bytes", "not-personal");
        assertThat(policy.failures("correct horse battery", null, null)).isEmpty();

        assertThatThrownBy(() -> policy.check("alice1", "alice", "a@example.org"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.WEAK_PASSWORD);
                    assertThat(e.getMessage()).contains("at least 10 characters");
                    assertThat((java.util.List<?>) e.properties().get("errors")).hasSize(3);
                });
    }

    private void assertWeak(String password, String reason) {
        assertWeak(password, reason, "alice", "alice@example.org");
    }

    private void assertWeak(String password, String reason, String username, String email) {
        assertThatThrownBy(() -> policy.check(password, username, email))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.WEAK_PASSWORD);
                    assertThat(e.getMessage()).contains(reason);
                });
    }
}
