package io.zoolens.bench.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Follows one training job by polling {@code GET …/trainings/{jobId}} on a thread of its own until it ends (or the
 * time-out passes), so the scenario can put load on the stack meanwhile. Its own user's connection, so the polls do
 * not queue behind the load's uploads.
 */
final class TrainingWatch {

    private final ApiUser user;
    private final String modelId;
    private final String jobId;
    private final long postNanos;
    private final Duration poll;
    private final Duration timeout;
    private final List<TrainingTimeline.Observation> observations = new ArrayList<>();
    private final Thread thread;
    private volatile String state = "QUEUED";
    private volatile JsonNode last;
    private volatile RuntimeException failure;

    private TrainingWatch(ApiUser user, String modelId, String jobId, long postNanos, Duration poll, Duration timeout) {
        this.user = user;
        this.modelId = modelId;
        this.jobId = jobId;
        this.postNanos = postNanos;
        this.poll = poll;
        this.timeout = timeout;
        this.thread = new Thread(this::follow, "training-watch-" + jobId);
        this.thread.setDaemon(true);
    }

    /** Starts a training of the model and follows it; the POST's moment is taken right before it is sent. */
    static TrainingWatch start(ApiUser user, String modelId, Duration poll, Duration timeout)
            throws InterruptedException {
        long postNanos = System.nanoTime();
        String jobId = user.startTraining(modelId);
        TrainingWatch watch = new TrainingWatch(user, modelId, jobId, postNanos, poll, timeout);
        watch.thread.start();
        return watch;
    }

    long postNanos() {
        return postNanos;
    }

    /** Waits until the job left QUEUED (it runs, or already ended). */
    void awaitRunning() throws InterruptedException {
        while (state.equals("QUEUED") && thread.isAlive()) {
            Thread.sleep(Math.max(1, poll.toMillis() / 2));
        }
        rethrow();
    }

    /** The state the last poll saw. */
    String state() {
        return state;
    }

    /** Waits for the end (or the time-out) and answers the job's spans. */
    TrainingTimeline await() throws InterruptedException {
        thread.join();
        rethrow();
        JsonNode job = last;
        Duration server = null;
        String error = null;
        if (job != null) {
            Instant created = instant(job.path("createdAt").asString(""));
            Instant finished = instant(job.path("finishedAt").asString(""));
            if (created != null && finished != null) {
                server = Duration.between(created, finished);
            }
            if (!job.path("error").isNull() && !job.path("error").isMissingNode()) {
                error = job.path("error").path("type").asString("") + ": "
                        + job.path("error").path("detail").asString("");
            }
        }
        List<TrainingTimeline.Observation> seen;
        synchronized (observations) {
            seen = List.copyOf(observations);
        }
        return TrainingTimeline.of(postNanos, seen, server, error);
    }

    /** Answers the number of the version the training made, once it succeeded. */
    String version() {
        return last == null ? null : last.path("version").asString(null);
    }

    private void follow() {
        long deadline = postNanos + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode job = user.training(modelId, jobId);
                long answered = System.nanoTime();
                String seenState = job.path("state").asString("");
                synchronized (observations) {
                    observations.add(new TrainingTimeline.Observation(
                            answered, seenState, job.path("stage").asString("")));
                }
                last = job;
                state = seenState;
                if (TrainingTimeline.ENDED.contains(seenState)) {
                    return;
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void rethrow() {
        if (failure != null) {
            throw new IllegalStateException("following training " + jobId + " failed", failure);
        }
    }

    private static Instant instant(String text) {
        return text.isEmpty() ? null : Instant.parse(text);
    }
}
