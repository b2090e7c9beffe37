package io.zoolens.api.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the account endpoints. */
final class AccountRequests {

    private AccountRequests() {}

    record RegisterRequest(
            @NotBlank
            @Size(min = 3, max = 32)
            @Pattern(regexp = "[A-Za-z0-9._-]*", message = "may contain only letters, digits, '.', '_' and '-'")
            String username,

            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String password) {}

    record LoginRequest(
            @NotBlank @Size(max = 254) String login,
            @NotBlank @Size(max = 200) String password) {}

    record UserResponse(String id, String username, String email, Instant createdAt) {

        static UserResponse of(User user) {
            return new UserResponse(user.id(), user.username(), user.email(), user.createdAt());
        }
    }

    record CsrfResponse(String headerName, String token) {}

    /** A live check while the password is typed; username and email as far as they are known. */
    record PasswordCheckRequest(
            @NotNull @Size(max = 1000) String password,
            @Size(max = 254) String username,
            @Size(max = 254) String email) {}

    record PasswordRulesResponse(int minLength, int maxBytes, List<PasswordPolicy.Rule> rules) {}

    /** {@code failed}: every broken rule, as listed by {@code GET /api/auth/password-rules}. */
    record PasswordCheckResponse(boolean acceptable, List<PasswordPolicy.Rule> failed) {}
}
