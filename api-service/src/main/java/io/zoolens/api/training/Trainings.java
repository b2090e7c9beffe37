package io.zoolens.api.training;

import io.zoolens.api.account.AccountDeleted;
import io.zoolens.api.custommodel.CurrentTraining;
import io.zoolens.api.custommodel.CustomModel;
import io.zoolens.api.custommodel.CustomModelDeleted;
import io.zoolens.api.custommodel.CustomModels;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import io.zoolens.api.training.TrainingJob.State;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Starting, reading and cancelling trainings for the owner's requests; the work itself: {@link TrainingRunner}. */
@Component
class Trainings implements CurrentTraining {

    private final CustomModels models;
    private final TrainingJobs jobs;
    private final TrainingPlanner planner;
    private final Clock clock;

    Trainings(CustomModels models, TrainingJobs jobs, TrainingPlanner planner, Clock clock) {
        this.models = models;
        this.jobs = jobs;
        this.planner = planner;
        this.clock = clock;
    }

    /**
     * Checks the classes (422 before anything is queued), takes the model for a new job atomically (409
     * {@code training-in-progress} when another holds it) and queues the job.
     */
    TrainingJob start(String ownerId, String modelId) {
        CustomModel model = models.get(ownerId, modelId);
        TrainingPlan plan = planner.plan(model);
        String jobId = new ObjectId().toHexString();
        models.claimForTraining(ownerId, modelId, jobId);
        try {
            return jobs.insert(TrainingJob.queued(jobId, ownerId, modelId, plan.pictureCount(), now()));
        } catch (RuntimeException e) {
            models.release(modelId, jobId);
            throw e;
        }
    }

    TrainingJob get(String ownerId, String modelId, String jobId) {
        return jobs.find(ownerId, modelId, jobId).orElseThrow(() -> ApiException.notFound("training", jobId));
    }

    /** A QUEUED job ends at once; a RUNNING one stops at its next step. 409 {@code training-finished} once it ended. */
    TrainingJob cancel(String ownerId, String modelId, String jobId) {
        get(ownerId, modelId, jobId);
        Optional<TrainingJob> cancelled = jobs.cancelQueued(jobId, now());
        if (cancelled.isPresent()) {
            models.release(modelId, jobId);
            return cancelled.get();
        }
        return jobs.requestCancel(jobId).orElseThrow(() -> {
            State state = get(ownerId, modelId, jobId).state();
            return new ApiException(
                    ProblemType.TRAINING_FINISHED,
                    "The training has ended already (" + state + ").",
                    Map.of("state", state.name()),
                    null);
        });
    }

    @Override
    public Optional<TrainingSummary> of(CustomModel model) {
        if (model.activeJobId() == null) {
            return Optional.empty();
        }
        return jobs.find(model.activeJobId())
                .filter(job -> !job.state().terminal())
                .map(job -> new TrainingSummary(
                        job.id(), job.state().name(), job.stage().name(), job.done(), job.total(), job.etaSeconds()));
    }

    /** A deleted model's jobs go with it; a runner holding one loses its lease and stops. */
    @EventListener
    void onModelDeleted(CustomModelDeleted event) {
        jobs.deleteByModel(event.modelId());
    }

    @EventListener
    @Order(0)
    void onAccountDeleted(AccountDeleted event) {
        jobs.deleteByOwner(event.userId());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
