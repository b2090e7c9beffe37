package io.zoolens.api.classification;

import io.micrometer.core.instrument.MeterRegistry;
import io.zoolens.api.classification.Classification.Failure;
import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.ClassifierRejectedException;
import io.zoolens.api.classifier.ClassifierUnavailableException;
import io.zoolens.api.system.DependencyOutage;
import io.zoolens.image.ImageRejectedException;
import io.zoolens.web.RequestIdFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Classifies uploads that are waiting (PENDING) because the classifier was down or slow. Each replica runs
 * one; a lease taken with an atomic findAndModify keeps two replicas off the same item, and a failed attempt
 * pushes the next one out exponentially. A final refusal by the classifier marks the item FAILED. While MongoDB is
 * away the worker waits (one log line when it goes, one when it is back) and carries on where it stopped: an item
 * claimed just before the outage comes back when its lease ends.
 */
@Component
@ConditionalOnBooleanProperty(name = "zoolens.worker.enabled", matchIfMissing = true)
class PendingClassificationWorker {

    private static final Logger log = LoggerFactory.getLogger(PendingClassificationWorker.class);

    private final ClassificationUpdates updates;
    private final ImageStore images;
    private final UploadDecoding decoding;
    private final ClassifierCall classifier;
    private final WorkerProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    /** Whether the last look failed because MongoDB was away: log the outage once, and its end. */
    private volatile boolean databaseAway;

    PendingClassificationWorker(
            ClassificationUpdates updates,
            ImageStore images,
            UploadDecoding decoding,
            ClassifierCall classifier,
            WorkerProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.updates = updates;
        this.images = images;
        this.decoding = decoding;
        this.classifier = classifier;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${zoolens.worker.poll-interval:2s}",
            initialDelayString = "${zoolens.worker.poll-interval:2s}")
    void classifyDueItems() {
        try {
            for (int i = 0; i < properties.batchSize(); i++) {
                Optional<Classification> claimed = updates.claimDue(now(), properties.lease());
                if (databaseAway) {
                    databaseAway = false;
                    log.info("the database is back; pending classifications resume");
                }
                if (claimed.isEmpty() || !attempt(claimed.get())) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            Optional<DependencyOutage> outage = DependencyOutage.of(e);
            if (outage.isEmpty()) {
                throw e;
            }
            if (!databaseAway) {
                databaseAway = true;
                log.warn("pending classifications wait: {}", outage.get().describe());
            }
        }
    }

    /** One attempt; false when the classifier is unavailable, so the rest of the batch waits too. */
    boolean attempt(Classification item) {
        String requestId = item.upload().requestId();
        if (requestId != null) {
            MDC.put(RequestIdFilter.MDC_KEY, requestId);
        }
        int attempts = item.worker().attempts();
        try {
            // The same route as at upload: one decode of the stored original, the classifier sent the small image.
            Classified classified = classifier.ask(item, decoding.modelInput(images.originalBytes(item.image())));
            if (updates.complete(item, classified, now())) {
                meters.counter("zoolens.worker.attempts", "outcome", "done").increment();
                log.info("classified pending item {} after {} attempt(s)", item.id(), attempts);
            }
            return true;
        } catch (ClassifierRejectedException e) {
            updates.fail(item, new Failure(e.slug(), e.getMessage()), now());
            meters.counter("zoolens.worker.attempts", "outcome", "failed").increment();
            log.info("classifier refused pending item {} for good: {}", item.id(), e.slug());
            return true;
        } catch (ImageRejectedException e) {
            // Accepted at upload, refused now: the limits were lowered since. As final as the classifier's refusal.
            updates.fail(item, new Failure(e.reason().slug(), e.getMessage()), now());
            meters.counter("zoolens.worker.attempts", "outcome", "failed").increment();
            log.info(
                    "pending item {} is no longer an acceptable image: {}",
                    item.id(),
                    e.reason().slug());
            return true;
        } catch (ClassifierUnavailableException e) {
            Instant next = now().plus(properties.backoffAfter(attempts));
            updates.reschedule(item, next);
            meters.counter("zoolens.worker.attempts", "outcome", "retry").increment();
            log.info("classifier still unavailable for {} ({}); next attempt at {}", item.id(), e.getMessage(), next);
            return false;
        } catch (RuntimeException e) {
            if (DependencyOutage.of(e).isPresent()) {
                throw e; // not the item's fault: its lease brings it back once the database is
            }
            // Never let one broken item stop the worker; it comes back after its back-off.
            updates.reschedule(item, now().plus(properties.backoffAfter(attempts)));
            log.error("pending item {} could not be processed", item.id(), e);
            return true;
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
