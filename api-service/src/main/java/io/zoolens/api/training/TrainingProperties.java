package io.zoolens.api.training;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The training runner ({@code zoolens.training.*}).
 *
 * @param enabled run trainings in this replica (any may; {@code ZOOLENS_TRAINING_ENABLED})
 * @param concurrency trainings at once in this replica ({@code ZOOLENS_TRAINING_CONCURRENCY})
 * @param pollInterval how often the runner looks for QUEUED jobs
 * @param lease how long a claim holds a job without a heartbeat; a dead replica's job is taken over after it
 * @param heartbeat how often this replica renews the leases of its jobs (well within {@code lease})
 * @param batchSize pictures per features call (the classifier takes at most 8)
 * @param classifierAttempts attempts of one classifier step before the job FAILS {@code classifier-unavailable}
 * @param firstBackoff pause after the first failed attempt, doubled after each
 * @param minPicturesPerClass distinct pictures a class needs (checked before a job is queued)
 * @param eventInterval how often a progress stream looks at the job
 * @param eventTimeout longest life of one progress stream (the client reconnects)
 */
@ConfigurationProperties("zoolens.training")
record TrainingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1") int concurrency,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("5s") Duration heartbeat,
        @DefaultValue("8") int batchSize,
        @DefaultValue("4") int classifierAttempts,
        @DefaultValue("2s") Duration firstBackoff,
        @DefaultValue("5") int minPicturesPerClass,
        @DefaultValue("500ms") Duration eventInterval,
        @DefaultValue("30m") Duration eventTimeout) {}
