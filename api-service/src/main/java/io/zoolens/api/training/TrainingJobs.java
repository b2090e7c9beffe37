package io.zoolens.api.training;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.training.TrainingJob.JobError;
import io.zoolens.api.training.TrainingJob.Stage;
import io.zoolens.api.training.TrainingJob.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Every read and conditional write of training jobs; a runner writes only while its lease token holds the job. */
@Component
class TrainingJobs {

    private final MongoTemplate mongo;

    TrainingJobs(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    TrainingJob insert(TrainingJob job) {
        return mongo.insert(job);
    }

    Optional<TrainingJob> find(String id) {
        return Optional.ofNullable(mongo.findById(id, TrainingJob.class));
    }

    Optional<TrainingJob> find(String ownerId, String modelId, String id) {
        return Optional.ofNullable(mongo.findOne(
                query(where("_id")
                        .is(id)
                        .and("ownerId")
                        .is(ownerId)
                        .and("modelId")
                        .is(modelId)),
                TrainingJob.class));
    }

    /** The oldest QUEUED job, or a RUNNING one whose replica stopped renewing its lease: now this claim's. */
    Optional<TrainingJob> claim(Instant now, Duration lease, String token) {
        Query due = new Query(new Criteria()
                        .orOperator(
                                where("state").is(State.QUEUED),
                                where("state")
                                        .is(State.RUNNING)
                                        .and("leaseUntil")
                                        .lt(now)))
                .with(Sort.by("createdAt"));
        return Optional.ofNullable(mongo.findAndModify(
                due,
                new Update()
                        .set("state", State.RUNNING)
                        .set("leaseToken", token)
                        .set("leaseUntil", now.plus(lease))
                        .set("startedAt", now)
                        .inc("claims", 1),
                FindAndModifyOptions.options().returnNew(true),
                TrainingJob.class));
    }

    /** Renews the lease; false when this claim no longer holds the job (taken over, deleted). */
    boolean renew(String id, String token, Instant until) {
        return mongo.updateFirst(held(id, token), new Update().set("leaseUntil", until), TrainingJob.class)
                        .getMatchedCount()
                > 0;
    }

    /** Records progress and answers the job as it is now; empty when this claim no longer holds it. */
    Optional<TrainingJob> progress(String id, String token, Stage stage, int done, int total, Long etaSeconds) {
        Update update = new Update().set("stage", stage).set("done", done).set("total", total);
        if (etaSeconds == null) {
            update.unset("etaSeconds");
        } else {
            update.set("etaSeconds", etaSeconds);
        }
        return Optional.ofNullable(mongo.findAndModify(
                held(id, token), update, FindAndModifyOptions.options().returnNew(true), TrainingJob.class));
    }

    /** Ends the job (SUCCEEDED, FAILED or CANCELLED) if this claim still holds it. */
    boolean finish(String id, String token, State state, String version, JobError error, Instant now) {
        Update update = new Update()
                .set("state", state)
                .set("finishedAt", now)
                .unset("leaseUntil")
                .unset("etaSeconds");
        if (state == State.SUCCEEDED) {
            update.set("stage", Stage.DONE).set("version", version);
        }
        if (error != null) {
            update.set("error", error);
        }
        return mongo.updateFirst(held(id, token), update, TrainingJob.class).getMatchedCount() > 0;
    }

    /** A QUEUED job is cancelled at once; empty when it is not QUEUED (any more). */
    Optional<TrainingJob> cancelQueued(String id, Instant now) {
        return Optional.ofNullable(mongo.findAndModify(
                query(where("_id").is(id).and("state").is(State.QUEUED)),
                new Update()
                        .set("state", State.CANCELLED)
                        .set("finishedAt", now)
                        .set("cancelRequested", true),
                FindAndModifyOptions.options().returnNew(true),
                TrainingJob.class));
    }

    /** Asks the runner of a RUNNING job to stop between two steps. */
    Optional<TrainingJob> requestCancel(String id) {
        return Optional.ofNullable(mongo.findAndModify(
                query(where("_id").is(id).and("state").is(State.RUNNING)),
                new Update().set("cancelRequested", true),
                FindAndModifyOptions.options().returnNew(true),
                TrainingJob.class));
    }

    void deleteByModel(String modelId) {
        mongo.remove(query(where("modelId").is(modelId)), TrainingJob.class);
    }

    void deleteByOwner(String ownerId) {
        mongo.remove(query(where("ownerId").is(ownerId)), TrainingJob.class);
    }

    private static Query held(String id, String token) {
        return query(
                where("_id").is(id).and("leaseToken").is(token).and("state").is(State.RUNNING));
    }
}
