package io.zoolens.api.training;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.CurrentOwner;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Trainings of the owner's custom models: start, poll, follow as a server-sent event stream, cancel. */
@RestController
@RequestMapping("/api/custom-models/{id}/trainings")
@Tag(name = "custom models")
class TrainingController {

    private final Trainings trainings;
    private final TrainingJobs jobs;
    private final TrainingProperties properties;
    private final TaskScheduler scheduler;
    private final CurrentOwner currentOwner;

    TrainingController(
            Trainings trainings,
            TrainingJobs jobs,
            TrainingProperties properties,
            TaskScheduler scheduler,
            CurrentOwner currentOwner) {
        this.trainings = trainings;
        this.jobs = jobs;
        this.properties = properties;
        this.scheduler = scheduler;
        this.currentOwner = currentOwner;
    }

    @PostMapping
    @Operation(
            summary = "Train a new version: 202 QUEUED; 422 training-refused or album-not-found for classes that"
                    + " cannot train, 409 training-in-progress, 409 quota-exceeded")
    @ApiResponse(responseCode = "202", description = "The job, its address in Location")
    ResponseEntity<TrainingResponse> start(@PathVariable("id") String modelId) {
        TrainingJob job = trainings.start(ownerId(), modelId);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(location(job)))
                .body(TrainingResponse.of(job));
    }

    @GetMapping("/{jobId}")
    @Operation(summary = "A training's state and progress")
    TrainingResponse get(@PathVariable("id") String modelId, @PathVariable String jobId) {
        return TrainingResponse.of(trainings.get(ownerId(), modelId, jobId));
    }

    // No "produces": a refusal (401, 404) must still answer as problem+json.
    @GetMapping("/{jobId}/events")
    @Operation(
            summary = "A training's progress as server-sent events: event progress with the job at every change;"
                    + " the stream ends after a terminal state")
    ResponseEntity<SseEmitter> events(@PathVariable("id") String modelId, @PathVariable String jobId) {
        trainings.get(ownerId(), modelId, jobId); // 404 for another owner's job
        SseEmitter emitter = new SseEmitter(properties.eventTimeout().toMillis());
        AtomicReference<TrainingResponse> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> polling = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> future = polling.get();
            if (future != null) {
                future.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        // Polls the job document, so the stream follows a job whichever replica runs it.
        polling.set(scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        TrainingResponse now =
                                jobs.find(jobId).map(TrainingResponse::of).orElse(null);
                        if (now == null) {
                            emitter.complete(); // deleted with its model
                            stop.run();
                            return;
                        }
                        if (!now.equals(last.get())) {
                            last.set(now);
                            emitter.send(SseEmitter.event()
                                    .name("progress")
                                    .id(now.state() + "-" + now.done())
                                    .data(now, MediaType.APPLICATION_JSON));
                        }
                        if (TrainingJob.State.valueOf(now.state()).terminal()) {
                            emitter.complete();
                            stop.run();
                        }
                    } catch (IOException | IllegalStateException e) {
                        stop.run(); // the client went away
                    } catch (RuntimeException e) {
                        emitter.completeWithError(e);
                        stop.run();
                    }
                },
                properties.eventInterval()));
        return ResponseEntity.ok()
                .header("X-Accel-Buffering", "no") // the Nginx gateway passes each event on at once
                .header("Cache-Control", "no-cache")
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .body(emitter);
    }

    @PostMapping("/{jobId}/cancel")
    @Operation(
            summary = "Cancel a training: a QUEUED one at once, a RUNNING one at its next step (state CANCELLED);"
                    + " 409 training-finished once it ended")
    @ApiResponse(responseCode = "202", description = "The job, cancelled or about to be")
    ResponseEntity<TrainingResponse> cancel(@PathVariable("id") String modelId, @PathVariable String jobId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(TrainingResponse.of(trainings.cancel(ownerId(), modelId, jobId)));
    }

    private static String location(TrainingJob job) {
        return "/api/custom-models/" + job.modelId() + "/trainings/" + job.id();
    }

    private String ownerId() {
        return currentOwner.userId().orElseThrow(() -> new IllegalStateException("trainings need an account"));
    }
}
