package io.zoolens.api.account;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import io.zoolens.api.system.RateLimitProperties;
import io.zoolens.api.system.RateLimiter;
import io.zoolens.api.system.RateLimiter.Decision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock an owner out. Three brakes, all in Redis and checked before
 * the password is:
 * <ul>
 *   <li>per address: every sign-in attempt counts ({@code login-attempts-per-client}, 20 in 10 minutes);
 *   <li>per (account, address) pair: a progressive delay from the third failure in a row on ({@link LoginBackoff}),
 *       forgotten at a success; another address, e.g. the owner's, is not slowed by it;
 *   <li>per account, for unknown devices only: failures from browsers that never signed in to the account count
 *       against a budget ({@code login-failures-per-account}, 10 in 30 minutes); over it, only the account's
 *       {@link KnownDevices} may try. An attack from many addresses gets that many guesses, as before, but the owner
 *       signs in from any device they used before.
 * </ul>
 * Unknown accounts go through the same brakes, so the answers do not tell which accounts exist.
 */
@Component
class LoginThrottle {

    private final RateLimiter limiter;
    private final RateLimitProperties limits;
    private final LoginThrottleProperties settings;
    private final KnownDevices devices;

    LoginThrottle(
            RateLimiter limiter, RateLimitProperties limits, LoginThrottleProperties settings, KnownDevices devices) {
        this.limiter = limiter;
        this.limits = limits;
        this.settings = settings;
        this.devices = devices;
    }

    /** Refuses with 429 when this attempt must wait; otherwise the attempt whose outcome to report. */
    Attempt beforeAttempt(String accountKey, HttpServletRequest request) {
        Attempt attempt = new Attempt(accountKey, request.getRemoteAddr(), devices.isKnown(request, accountKey));
        Decision perClient = limiter.hit("login-client:" + attempt.client(), limits.loginAttemptsPerClient());
        if (!perClient.allowed()) {
            throw ApiException.overLimit(
                    ProblemType.RATE_LIMITED,
                    "Too many sign-in attempts from this address.",
                    limits.loginAttemptsPerClient(),
                    perClient.retryAfter());
        }
        Duration wait = limiter.heldFor(attempt.pairWaitKey());
        if (!wait.isZero()) {
            throw ApiException.rateLimited(
                    "Too many failed sign-ins from this address; wait " + ApiException.seconds(wait)
                            + " seconds before the next try.",
                    wait);
        }
        if (!attempt.knownDevice()) {
            Decision perAccount = limiter.peek(attempt.budgetKey(), limits.loginFailuresPerAccount());
            if (!perAccount.allowed()) {
                throw ApiException.rateLimited(
                        "Too many failed sign-ins to this account from new devices; sign in from a device you used"
                                + " before, or try again later.",
                        perAccount.retryAfter());
            }
        }
        return attempt;
    }

    void failed(Attempt attempt) {
        long failures = limiter.count(attempt.pairFailuresKey(), settings.forgetAfter());
        limiter.hold(attempt.pairWaitKey(), settings.backoff().delayAfter(failures));
        if (!attempt.knownDevice()) {
            limiter.hit(attempt.budgetKey(), limits.loginFailuresPerAccount());
        }
    }

    /**
     * The pair starts afresh and the browser becomes a known device of the account. The account's budget is not
     * reset: a success of the owner must not give an attacker elsewhere new guesses.
     */
    void succeeded(Attempt attempt, HttpServletRequest request, HttpServletResponse response) {
        limiter.reset(attempt.pairFailuresKey());
        limiter.reset(attempt.pairWaitKey());
        devices.remember(request, response, attempt.accountKey());
    }

    /** A new account is known to the browser that created it. */
    void registered(String userId, HttpServletRequest request, HttpServletResponse response) {
        devices.remember(request, response, userId);
    }

    void beforeRegistration(String client) {
        Decision decision = limiter.hit("register-client:" + client, limits.registrationsPerClient());
        if (!decision.allowed()) {
            throw ApiException.overLimit(
                    ProblemType.RATE_LIMITED,
                    "Too many new accounts from this address.",
                    limits.registrationsPerClient(),
                    decision.retryAfter());
        }
    }

    /** One sign-in attempt: to which account, from where, from a known device or not. */
    record Attempt(String accountKey, String client, boolean knownDevice) {

        String pairFailuresKey() {
            return "login-pair:" + accountKey + ":" + client;
        }

        String pairWaitKey() {
            return "login-wait:" + accountKey + ":" + client;
        }

        String budgetKey() {
            return "login-account:" + accountKey;
        }
    }
}
