package io.zoolens.api.system;

import io.zoolens.api.system.RateLimiter.Limit;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits ({@code zoolens.rate-limit.*}), counted in Redis across replicas. A client is its IP address as
 * the servlet container reports it: the gateway's {@code X-Forwarded-For} counts only when the request comes
 * from a trusted proxy ({@code server.tomcat.remoteip.internal-proxies}).
 *
 * @param loginFailuresPerAccount failed sign-ins per account before it is paused
 * @param loginAttemptsPerClient sign-in attempts per client, successful or not
 * @param registrationsPerClient new accounts per client
 * @param guestUploadsPerClient classifications by guests (no account) per client
 */
@ConfigurationProperties("zoolens.rate-limit")
public record RateLimitProperties(
        Limit loginFailuresPerAccount,
        Limit loginAttemptsPerClient,
        Limit registrationsPerClient,
        Limit guestUploadsPerClient) {

    public RateLimitProperties {
        loginFailuresPerAccount = orDefault(loginFailuresPerAccount, 5, Duration.ofMinutes(15));
        loginAttemptsPerClient = orDefault(loginAttemptsPerClient, 20, Duration.ofMinutes(10));
        registrationsPerClient = orDefault(registrationsPerClient, 10, Duration.ofHours(1));
        guestUploadsPerClient = orDefault(guestUploadsPerClient, 30, Duration.ofHours(1));
    }

    private static Limit orDefault(Limit limit, int max, Duration window) {
        return limit == null ? new Limit(max, window) : limit;
    }
}
