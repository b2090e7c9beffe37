package io.zoolens.api.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.AccountRequests.PasswordCheckRequest;
import io.zoolens.api.account.AccountRequests.PasswordCheckResponse;
import io.zoolens.api.account.AccountRequests.PasswordRulesResponse;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import io.zoolens.api.system.RateLimitProperties;
import io.zoolens.api.system.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The password rules, to show before typing and to check while typing (the same ones registration enforces). */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "accounts")
class PasswordController {

    private final PasswordPolicy policy;
    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    PasswordController(PasswordPolicy policy, RateLimiter limiter, RateLimitProperties limits) {
        this.policy = policy;
        this.limiter = limiter;
        this.limits = limits;
    }

    @GetMapping("/password-rules")
    @Operation(summary = "What a password must be, as rules with stable codes")
    PasswordRulesResponse rules() {
        return new PasswordRulesResponse(PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_BYTES, PasswordPolicy.RULES);
    }

    @PostMapping("/password-check")
    @Operation(summary = "Every rule a password breaks, at once; rate-limited per address")
    PasswordCheckResponse check(@Valid @RequestBody PasswordCheckRequest body, HttpServletRequest request) {
        var decision =
                limiter.hit("password-check-client:" + request.getRemoteAddr(), limits.passwordChecksPerClient());
        if (!decision.allowed()) {
            throw ApiException.overLimit(
                    ProblemType.RATE_LIMITED,
                    "Too many password checks from this address; try again shortly.",
                    limits.passwordChecksPerClient(),
                    decision.retryAfter());
        }
        var failed = policy.failures(body.password(), body.username(), body.email()).stream()
                .map(PasswordPolicy.Failure::rule)
                .distinct()
                .toList();
        return new PasswordCheckResponse(failed.isEmpty(), failed);
    }
}
