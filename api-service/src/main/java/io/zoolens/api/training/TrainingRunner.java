package io.zoolens.api.training;

import io.zoolens.api.classification.TrainingPictures;
import io.zoolens.api.classifier.ClassifierRejectedException;
import io.zoolens.api.classifier.ClassifierTraining;
import io.zoolens.api.classifier.ClassifierUnavailableException;
import io.zoolens.api.classifier.TrainedVersion;
import io.zoolens.api.custommodel.ClassifierCleanup;
import io.zoolens.api.custommodel.CustomModel;
import io.zoolens.api.custommodel.CustomModel.ClassFigures;
import io.zoolens.api.custommodel.CustomModel.Misclassified;
import io.zoolens.api.custommodel.CustomModel.ModelVersion;
import io.zoolens.api.custommodel.CustomModels;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.DependencyOutage;
import io.zoolens.api.system.ProblemType;
import io.zoolens.api.training.TrainingJob.JobError;
import io.zoolens.api.training.TrainingJob.Stage;
import io.zoolens.api.training.TrainingJob.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs QUEUED trainings, at most {@code zoolens.training.concurrency} at once in this replica. A job is claimed
 * with an atomic findAndModify and a lease renewed every few seconds; a job whose replica died is taken over once
 * its lease ran out (and starts over: cached features make that cheap). Steps: classes from albums, the features
 * the classifier misses (batches of 8, progress after each, cancel checked between them), the training, the new
 * version (which becomes the active one). The classifier being away is retried with back-off, then the job FAILS;
 * the model gets its version only when everything succeeded.
 */
@Component
@ConditionalOnBooleanProperty(name = "zoolens.training.enabled", matchIfMissing = true)
class TrainingRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunner.class);

    private final TrainingJobs jobs;
    private final TrainingPlanner planner;
    private final CustomModels models;
    private final ClassifierCleanup cleanup;
    private final TrainingPictures pictures;
    private final ClassifierTraining classifier;
    private final TrainingProperties properties;
    private final Clock clock;
    private final Semaphore slots;
    private final ExecutorService executor;
    /** Jobs this replica runs now, by id, with their lease token: the heartbeat renews them. */
    private final Map<String, String> running = new ConcurrentHashMap<>();

    TrainingRunner(
            TrainingJobs jobs,
            TrainingPlanner planner,
            CustomModels models,
            ClassifierCleanup cleanup,
            TrainingPictures pictures,
            ClassifierTraining classifier,
            TrainingProperties properties,
            Clock clock) {
        this.jobs = jobs;
        this.planner = planner;
        this.models = models;
        this.cleanup = cleanup;
        this.pictures = pictures;
        this.classifier = classifier;
        this.properties = properties;
        this.clock = clock;
        int concurrency = Math.max(1, properties.concurrency());
        this.slots = new Semaphore(concurrency);
        this.executor = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "training-runner");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(
            fixedDelayString = "${zoolens.training.poll-interval:1s}",
            initialDelayString = "${zoolens.training.poll-interval:1s}")
    void claimQueued() {
        while (slots.tryAcquire()) {
            Optional<TrainingJob> claimed;
            String token = UUID.randomUUID().toString();
            try {
                claimed = jobs.claim(now(), properties.lease(), token);
            } catch (RuntimeException e) {
                slots.release();
                if (DependencyOutage.of(e).isPresent()) {
                    return; // the database is away: try again next time
                }
                throw e;
            }
            if (claimed.isEmpty()) {
                slots.release();
                return;
            }
            TrainingJob job = claimed.get();
            running.put(job.id(), token);
            executor.execute(() -> {
                try {
                    run(job, token);
                } finally {
                    running.remove(job.id());
                    slots.release();
                }
            });
        }
    }

    /** Renews the leases of this replica's jobs well before they run out. */
    @Scheduled(fixedDelayString = "${zoolens.training.heartbeat:5s}")
    void heartbeat() {
        Instant until = now().plus(properties.lease());
        running.forEach((id, token) -> {
            try {
                if (!jobs.renew(id, token, until)) {
                    log.info("training {} is no longer this replica's (deleted or taken over)", id);
                }
            } catch (RuntimeException e) {
                log.warn("could not renew the lease of training {}: {}", id, e.getMessage());
            }
        });
    }

    void run(TrainingJob job, String token) {
        // Which replica runs a job is only in its log: say so on every claim, not only on a takeover.
        if (job.claims() > 1) {
            log.info("taking over training {} (claim {})", job.id(), job.claims());
        } else {
            log.info("running training {}", job.id());
        }
        try {
            Outcome outcome = steps(job, token);
            outcome.finish(this, job, token);
        } catch (Lost e) {
            log.info("training {} stopped: {}", job.id(), e.getMessage());
        } catch (StepFailed e) {
            fail(job, token, e.error);
        } catch (RuntimeException e) {
            if (DependencyOutage.of(e).isPresent()) {
                log.warn("training {} paused by a database outage; its lease brings it back", job.id());
                return;
            }
            log.error("training {} failed unexpectedly", job.id(), e);
            fail(job, token, new JobError("internal-error", "The training failed unexpectedly."));
        }
    }

    private Outcome steps(TrainingJob job, String token) {
        Optional<CustomModel> found = models.find(job.modelId());
        if (found.isEmpty()) {
            throw new Lost("the model was deleted");
        }
        CustomModel model = found.get();
        TrainingPlan plan;
        try {
            plan = planner.plan(model);
        } catch (ApiException e) {
            return Outcome.failed(jobError(e));
        }
        TrainingJob now = progress(job, token, Stage.FEATURES, 0, plan.pictureCount(), null);
        if (now.cancelRequested()) {
            return Outcome.cancelled();
        }
        for (int round = 0; ; round++) {
            Optional<TrainingPlan> featured = features(job, token, plan);
            if (featured.isEmpty()) {
                return Outcome.cancelled();
            }
            plan = featured.get();
            try {
                planner.check(plan);
            } catch (ApiException e) {
                return Outcome.failed(jobError(e));
            }
            TrainingJob counted = jobs.find(job.id()).orElseThrow(() -> new Lost("the job was deleted"));
            TrainingJob before = progress(job, token, Stage.TRAINING, counted.done(), counted.total(), null);
            if (before.cancelRequested()) {
                return Outcome.cancelled();
            }
            try {
                TrainingPlan ready = plan;
                // The job's id makes the call idempotent: after a takeover, the version the dead replica's call
                // made is answered instead of a second one.
                TrainedVersion trained = classifierStep("training", () -> classifier.train(ready.order(), job.id()));
                return Outcome.trained(ready, trained);
            } catch (ClassifierRejectedException e) {
                if ("features-missing".equals(e.slug()) && round == 0) {
                    continue; // pictures changed or the cache was cleared meanwhile: once more
                }
                return Outcome.failed(new JobError(e.slug(), e.getMessage()));
            } catch (StepFailed e) {
                return Outcome.failed(e.error);
            }
        }
    }

    /**
     * Sends the pictures the classifier has no features for, in batches; the plan without pictures deleted
     * meanwhile, or empty when the owner cancelled.
     */
    private Optional<TrainingPlan> features(TrainingJob job, String token, TrainingPlan plan) {
        Map<String, String> idBySha = plan.pictureIdBySha();
        String backbone = plan.model().backbone();
        List<String> missing;
        try {
            missing = classifierStep(
                    "features missing",
                    () -> classifier.missingFeatures(job.ownerId(), backbone, List.copyOf(idBySha.keySet())));
        } catch (ClassifierRejectedException e) {
            throw new StepFailed(new JobError(e.slug(), e.getMessage()));
        }
        int total = missing.size();
        long started = System.nanoTime();
        Set<String> gone = new HashSet<>();
        if (progress(job, token, Stage.FEATURES, 0, total, null).cancelRequested()) {
            return Optional.empty();
        }
        for (int from = 0; from < total; from += properties.batchSize()) {
            List<String> batch = missing.subList(from, Math.min(total, from + properties.batchSize()));
            List<byte[]> images = new ArrayList<>();
            for (String sha : batch) {
                String id = idBySha.get(sha);
                Optional<byte[]> bytes = id == null ? Optional.empty() : pictures.original(job.ownerId(), id);
                bytes.ifPresentOrElse(images::add, () -> gone.add(sha));
            }
            if (!images.isEmpty()) {
                try {
                    classifierStep("features", () -> classifier.addFeatures(job.ownerId(), backbone, images));
                } catch (ClassifierRejectedException e) {
                    throw new StepFailed(new JobError(e.slug(), "A picture was refused: " + e.getMessage()));
                }
            }
            int done = from + batch.size();
            double secondsPerPicture = (System.nanoTime() - started) / 1e9 / done;
            long eta = Math.round(secondsPerPicture * (total - done));
            if (progress(job, token, Stage.FEATURES, done, total, eta).cancelRequested()) {
                return Optional.empty();
            }
        }
        return Optional.of(gone.isEmpty() ? plan : plan.without(gone));
    }

    /** A classifier call retried with back-off while the classifier is away; a refusal is final at once. */
    private <T> T classifierStep(String step, Supplier<T> call) {
        Duration pause = properties.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ClassifierUnavailableException e) {
                if (attempt >= properties.classifierAttempts()) {
                    throw new StepFailed(new JobError(
                            "classifier-unavailable",
                            "The classifier could not be reached for the " + step + " step after " + attempt
                                    + " attempts (" + e.getMessage() + ")."));
                }
                log.info("classifier away during {} ({}); attempt {} in {}", step, e.getMessage(), attempt + 1, pause);
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    private TrainingJob progress(TrainingJob job, String token, Stage stage, int done, int total, Long eta) {
        return jobs.progress(job.id(), token, stage, done, total, eta)
                .orElseThrow(() -> new Lost("the job was deleted or taken over"));
    }

    private void fail(TrainingJob job, String token, JobError error) {
        if (jobs.finish(job.id(), token, State.FAILED, null, error, now())) {
            models.release(job.modelId(), job.id());
            log.info("training {} failed: {} ({})", job.id(), error.type(), error.detail());
        }
    }

    private void cancel(TrainingJob job, String token) {
        if (jobs.finish(job.id(), token, State.CANCELLED, null, null, now())) {
            models.release(job.modelId(), job.id());
            log.info("training {} cancelled", job.id());
        }
    }

    private void succeed(TrainingJob job, String token, TrainingPlan plan, TrainedVersion trained) {
        TrainingJob current = jobs.find(job.id()).orElse(null);
        String folder = plan.model().folder();
        if (current == null && models.find(job.modelId()).isEmpty()) {
            // The model (or the account) was deleted during the training: its folder goes again, with this version.
            cleanup.removeModelFolder(folder);
            return;
        }
        if (current == null || !token.equals(current.leaseToken()) || current.cancelRequested()) {
            // Nothing half-written: the version the classifier wrote goes again.
            cleanup.removeVersion(folder, trained.version(), job.id());
            if (current != null && token.equals(current.leaseToken())) {
                cancel(job, token);
            }
            return;
        }
        ModelVersion version = new ModelVersion(
                trained.version(),
                now(),
                job.id(),
                trained.backbone() == null ? plan.model().backbone() : trained.backbone(),
                trained.backboneVersion(),
                trained.pictures() > 0 ? trained.pictures() : plan.pictureCount(),
                plan.versionClasses(),
                trained.accuracy(),
                trained.method(),
                trained.folds(),
                trained.perClass().stream()
                        .map(c -> new ClassFigures(c.label(), c.support(), c.precision(), c.recall(), c.f1()))
                        .toList(),
                trained.trainingMillis(),
                trained.confusionLabels(),
                trained.confusion(),
                trained.misclassified().stream()
                        .limit(ModelVersion.MAX_MISCLASSIFIED)
                        .map(m -> new Misclassified(m.pictureId(), m.actual(), m.predicted()))
                        .toList(),
                plan.readAt());
        if (models.addVersion(job.modelId(), job.id(), version).isEmpty()) {
            cleanup.removeVersion(folder, trained.version(), job.id());
            fail(job, token, new JobError("model-deleted", "The model was deleted during the training."));
            return;
        }
        if (!jobs.finish(job.id(), token, State.SUCCEEDED, trained.version(), null, now())) {
            log.warn("training {} wrote version {} but lost its job meanwhile", job.id(), trained.version());
            return;
        }
        log.info("training {} made version {} of {}", job.id(), trained.version(), folder);
    }

    private static JobError jobError(ApiException e) {
        String type = e.problemType() == ProblemType.ALBUM_NOT_FOUND
                ? "album-deleted"
                : e.problemType().slug();
        Object reason = e.properties().get("reason");
        return new JobError(type, reason == null ? e.getMessage() : reason + ": " + e.getMessage());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Lost("interrupted");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** How the steps ended. */
    private record Outcome(State state, JobError error, TrainingPlan plan, TrainedVersion trained) {

        static Outcome failed(JobError error) {
            return new Outcome(State.FAILED, error, null, null);
        }

        static Outcome cancelled() {
            return new Outcome(State.CANCELLED, null, null, null);
        }

        static Outcome trained(TrainingPlan plan, TrainedVersion trained) {
            return new Outcome(State.SUCCEEDED, null, plan, trained);
        }

        void finish(TrainingRunner runner, TrainingJob job, String token) {
            switch (state) {
                case FAILED -> runner.fail(job, token, error);
                case CANCELLED -> runner.cancel(job, token);
                default -> runner.succeed(job, token, plan, trained);
            }
        }
    }

    /** This replica no longer holds the job: it stops without writing. */
    private static final class Lost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Lost(String message) {
            super(message, null, false, false);
        }
    }

    /** A step that failed for good, with the job's error. */
    private static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient JobError error;

        StepFailed(JobError error) {
            super(error.detail(), null, false, false);
            this.error = error;
        }
    }
}
