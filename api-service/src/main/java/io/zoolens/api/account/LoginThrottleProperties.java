package io.zoolens.api.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sign-in throttle per (account, address) pair ({@code zoolens.login-throttle.*}); the per-address and
 * per-account limits are {@code zoolens.rate-limit.login-attempts-per-client} and {@code
 * login-failures-per-account}. See {@link LoginThrottle}.
 *
 * @param freeFailures failures from one address to one account before the first wait
 * @param firstDelay the wait after the {@code freeFailures}-th failure; it doubles with every further failure
 * @param maxDelay the longest wait
 * @param forgetAfter a pair's failures are forgotten this long after its latest failure (and at a success)
 * @param knownDeviceLifetime how long a browser that signed in to an account counts as a known device for it
 */
@ConfigurationProperties("zoolens.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("3") int freeFailures,
        @DefaultValue("1s") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("24h") Duration forgetAfter,
        @DefaultValue("90d") Duration knownDeviceLifetime) {

    public LoginThrottleProperties {
        new LoginBackoff(freeFailures, firstDelay, maxDelay); // refuses nonsense at start-up
    }

    LoginBackoff backoff() {
        return new LoginBackoff(freeFailures, firstDelay, maxDelay);
    }
}
