package io.zoolens.api.custommodel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retrying the classifier deletions that failed while it was away ({@code zoolens.custom-models.cleanup.*}).
 *
 * @param interval how often a replica looks for due deletions
 * @param firstBackoff wait before the first retry, doubled after each failed one
 * @param maxBackoff the longest wait between two retries
 * @param lease how long a claimed deletion is another replica's to leave alone
 */
@ConfigurationProperties("zoolens.custom-models.cleanup")
public record ClassifierCleanupProperties(
        @DefaultValue("30s") Duration interval,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("1m") Duration lease) {

    Duration backoffAfter(int attempts) {
        Duration backoff = firstBackoff;
        for (int i = 1; i < attempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
