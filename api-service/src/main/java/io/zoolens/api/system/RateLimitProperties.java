package io.zoolens.api.system;

import io.zoolens.api.system.RateLimiter.Limit;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits ({@code zoolens.rate-limit.*}), counted in Redis across replicas. A client is its IP address as
 * the servlet container reports it: the gateway's {@code X-Forwarded-For} counts only when the request comes
 * from a trusted proxy ({@code server.tomcat.remoteip.internal-proxies}). Everyone behind one NAT shares one
 * address, and so the per-client limits.
 *
 * @param loginFailuresPerAccount failed sign-ins per account from devices that never signed in to it; over it,
 *     only its known devices may still try (see {@code LoginThrottle})
 * @param loginAttemptsPerClient sign-in attempts per client, successful or not
 * @param registrationsPerClient new accounts per client
 * @param guestUploadsPerClient classifications by guests (no account) per client
 * @param uploadsPerAccount classifications per account in a short window
 * @param uploadsPerAccountDaily classifications per account in a day
 * @param uploadsPerClient classifications by signed-in users per client, all accounts together
 * @param passwordChecksPerClient live password checks ({@code POST /api/auth/password-check}) per client
 */
@ConfigurationProperties("zoolens.rate-limit")
public record RateLimitProperties(
        Limit loginFailuresPerAccount,
        Limit loginAttemptsPerClient,
        Limit registrationsPerClient,
        Limit guestUploadsPerClient,
        Limit uploadsPerAccount,
        Limit uploadsPerAccountDaily,
        Limit uploadsPerClient,
        Limit passwordChecksPerClient) {

    public RateLimitProperties {
        loginFailuresPerAccount = orDefault(loginFailuresPerAccount, 10, Duration.ofMinutes(30));
        loginAttemptsPerClient = orDefault(loginAttemptsPerClient, 20, Duration.ofMinutes(10));
        registrationsPerClient = orDefault(registrationsPerClient, 10, Duration.ofHours(1));
        guestUploadsPerClient = orDefault(guestUploadsPerClient, 30, Duration.ofHours(1));
        uploadsPerAccount = orDefault(uploadsPerAccount, 60, Duration.ofMinutes(1));
        uploadsPerAccountDaily = orDefault(uploadsPerAccountDaily, 1000, Duration.ofDays(1));
        uploadsPerClient = orDefault(uploadsPerClient, 120, Duration.ofMinutes(1));
        passwordChecksPerClient = orDefault(passwordChecksPerClient, 60, Duration.ofMinutes(1));
    }

    private static Limit orDefault(Limit limit, int max, Duration window) {
        return limit == null ? new Limit(max, window) : limit;
    }
}
