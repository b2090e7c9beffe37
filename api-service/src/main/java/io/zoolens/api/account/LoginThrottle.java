package io.zoolens.api.account;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.RateLimitProperties;
import io.zoolens.api.system.RateLimiter;
import io.zoolens.api.system.RateLimiter.Decision;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: every sign-in attempt counts against the client, every failure against the
 * account; either over its limit answers 429 before the password is even checked.
 */
@Component
class LoginThrottle {

    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    LoginThrottle(RateLimiter limiter, RateLimitProperties limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    void beforeAttempt(String accountKey, String client) {
        Decision perClient = limiter.hit("login-client:" + client, limits.loginAttemptsPerClient());
        if (!perClient.allowed()) {
            throw ApiException.rateLimited("Too many sign-in attempts from this address.", perClient.retryAfter());
        }
        Decision perAccount = limiter.peek("login-account:" + accountKey, limits.loginFailuresPerAccount());
        if (!perAccount.allowed()) {
            throw ApiException.rateLimited(
                    "Too many failed sign-ins for this account; try again later.", perAccount.retryAfter());
        }
    }

    void failed(String accountKey) {
        limiter.hit("login-account:" + accountKey, limits.loginFailuresPerAccount());
    }

    void succeeded(String accountKey) {
        limiter.reset("login-account:" + accountKey);
    }

    void beforeRegistration(String client) {
        Decision decision = limiter.hit("register-client:" + client, limits.registrationsPerClient());
        if (!decision.allowed()) {
            throw ApiException.rateLimited("Too many new accounts from this address.", decision.retryAfter());
        }
    }
}
