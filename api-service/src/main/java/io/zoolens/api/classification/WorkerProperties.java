package io.zoolens.api.classification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The background worker that classifies PENDING uploads ({@code zoolens.worker.*}).
 *
 * @param enabled whether this replica runs the worker (all may: leases keep them apart)
 * @param pollInterval pause between two looks for due items
 * @param batchSize items one look handles at most
 * @param lease how long a claimed item is reserved for the claiming replica
 * @param firstBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff the longest wait between attempts
 */
@ConfigurationProperties("zoolens.worker")
public record WorkerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("10") int batchSize,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5s") Duration firstBackoff,
        @DefaultValue("5m") Duration maxBackoff) {

    /** Exponential back-off after {@code attempts} failed calls, capped at {@code maxBackoff}. */
    public Duration backoffAfter(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long millis = firstBackoff.toMillis() << Math.min(doublings, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
