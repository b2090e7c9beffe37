package io.zoolens.api.custommodel;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.classifier.ClassifierRejectedException;
import io.zoolens.api.classifier.ClassifierTraining;
import io.zoolens.api.custommodel.PendingDeletion.Kind;
import io.zoolens.api.system.DependencyOutage;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes a custom model's classifier folder, one of its versions or an owner's cached features, now if the
 * classifier answers, else
 * later: a deletion that failed because the classifier was away is recorded in {@code pendingModelDeletions} and
 * retried with back-off by whichever replica claims it (an atomic findAndModify moves its next attempt out by a
 * lease first, so two replicas never retry the same one at once), until the classifier confirms it. Folder names
 * hold the model's id, which is never reused, so a late deletion cannot hit a newer model. A refusal by the
 * classifier (a name it does not accept) is final and only logged.
 */
@Component
public class ClassifierCleanup {

    private static final Logger log = LoggerFactory.getLogger(ClassifierCleanup.class);

    private final ClassifierTraining classifier;
    private final MongoTemplate mongo;
    private final ClassifierCleanupProperties properties;
    private final Clock clock;

    ClassifierCleanup(
            ClassifierTraining classifier, MongoTemplate mongo, ClassifierCleanupProperties properties, Clock clock) {
        this.classifier = classifier;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** Removes a custom model's folder (every version) from the classifier, now or once it is back. */
    public void removeModelFolder(String folder) {
        now(Kind.MODEL_FOLDER, folder, null);
    }

    /** Removes version {@code version} that training job {@code jobId} wrote, now or once the classifier is back. */
    public void removeVersion(String folder, String version, String jobId) {
        now(Kind.VERSION, folder + "/" + version, Objects.requireNonNull(jobId, "jobId"));
    }

    /** Removes an owner's cached feature vectors from the classifier, now or once it is back. */
    public void removeFeatures(String ownerId) {
        now(Kind.FEATURES, ownerId, null);
    }

    private void now(Kind kind, String target, String jobId) {
        try {
            call(kind, target, jobId);
        } catch (ClassifierRejectedException e) {
            refused(kind, target, e);
        } catch (RuntimeException e) {
            log.warn("could not delete {} {} on the classifier now ({}); retrying later", kind, target, e.getMessage());
            Instant now = now();
            mongo.upsert(
                    query(where("_id").is(PendingDeletion.id(kind, target, jobId))),
                    new Update()
                            .setOnInsert("kind", kind)
                            .setOnInsert("target", target)
                            .setOnInsert("jobId", jobId)
                            .setOnInsert("attempts", 1)
                            .setOnInsert("createdAt", now)
                            .set("nextAttemptAt", now.plus(properties.firstBackoff()))
                            .set("lastError", String.valueOf(e.getMessage())),
                    PendingDeletion.class);
        }
    }

    /** Retries the due deletions one by one; stops at the first the classifier is still away for. */
    @Scheduled(
            fixedDelayString = "${zoolens.custom-models.cleanup.interval:30s}",
            initialDelayString = "${zoolens.custom-models.cleanup.interval:30s}")
    void retryDue() {
        try {
            for (int i = 0; i < 20; i++) {
                Optional<PendingDeletion> claimed = claimDue();
                if (claimed.isEmpty() || !retry(claimed.get())) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            if (DependencyOutage.of(e).isEmpty()) {
                throw e;
            }
            // The database is away: the pending deletions wait for it, and for the next round.
        }
    }

    /** One retry; false when the classifier is still away. */
    boolean retry(PendingDeletion pending) {
        try {
            call(pending.kind(), pending.target(), pending.jobId());
            mongo.remove(query(where("_id").is(pending.id())), PendingDeletion.class);
            log.info(
                    "deleted {} {} on the classifier after {} attempt(s)",
                    pending.kind(),
                    pending.target(),
                    pending.attempts() + 1);
            return true;
        } catch (ClassifierRejectedException e) {
            mongo.remove(query(where("_id").is(pending.id())), PendingDeletion.class);
            refused(pending.kind(), pending.target(), e);
            return true;
        } catch (RuntimeException e) {
            if (DependencyOutage.of(e).isPresent()) {
                throw e;
            }
            int attempts = pending.attempts() + 1;
            Instant next = now().plus(properties.backoffAfter(attempts));
            mongo.updateFirst(
                    query(where("_id").is(pending.id())),
                    new Update()
                            .set("attempts", attempts)
                            .set("nextAttemptAt", next)
                            .set("lastError", String.valueOf(e.getMessage())),
                    PendingDeletion.class);
            log.info(
                    "classifier still away to delete {} {}; next attempt at {}",
                    pending.kind(),
                    pending.target(),
                    next);
            return false;
        }
    }

    private Optional<PendingDeletion> claimDue() {
        Instant now = now();
        return Optional.ofNullable(mongo.findAndModify(
                query(where("nextAttemptAt").lte(now)).with(Sort.by("nextAttemptAt")),
                new Update().set("nextAttemptAt", now.plus(properties.lease())),
                FindAndModifyOptions.options().returnNew(false),
                PendingDeletion.class));
    }

    private void call(Kind kind, String target, String jobId) {
        switch (kind) {
            case MODEL_FOLDER -> classifier.deleteModel(target);
            case VERSION -> {
                int slash = target.lastIndexOf('/');
                classifier.deleteVersion(target.substring(0, slash), target.substring(slash + 1), jobId);
            }
            case FEATURES -> classifier.deleteFeatures(target);
        }
    }

    private static void refused(Kind kind, String target, ClassifierRejectedException e) {
        if ("version-replaced".equals(e.slug())) {
            log.info("{} {} was written again by another training since; that version stays", kind, target);
        } else {
            log.warn("the classifier refused to delete {} {}: {}", kind, target, e.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
