package io.zoolens.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One training as the client saw it by polling the job from its {@code POST}: how long it waited to be picked up,
 * computed features, trained the head (with cross-validation, writing and loading the version), and in all. Each
 * moment is the first poll that saw it, so each span is late by at most one poll interval.
 *
 * @param state the last state seen: SUCCEEDED, FAILED, CANCELLED, or RUNNING/QUEUED when the scenario gave up
 * @param queued POST → first seen RUNNING (the api's runner looks for jobs every second)
 * @param features first seen RUNNING → first seen in stage TRAINING (or ended); the classifier's features of the
 *     pictures it had not seen
 * @param head stage TRAINING → ended: head, cross-validation, the version written and loaded
 * @param total POST → first seen ended; null when it never ended
 * @param server the job's own {@code createdAt} → {@code finishedAt} (the api's clock); null when not known
 * @param error the job's {@code error} when it did not succeed, else null
 */
public record TrainingTimeline(
        String state,
        Duration queued,
        Duration features,
        Duration head,
        Duration total,
        Duration server,
        String error) {

    /** A poll's answer: when it came ({@link System#nanoTime()}), the job's state and stage. */
    public record Observation(long nanos, String state, String stage) {}

    static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    public boolean succeeded() {
        return state.equals("SUCCEEDED");
    }

    /** The spans from the POST (sent at {@code postNanos}) and the polls' answers, in the order they came. */
    public static TrainingTimeline of(long postNanos, List<Observation> observations, Duration server, String error) {
        Long running = null;
        Long training = null;
        Long ended = null;
        String state = "QUEUED";
        for (Observation o : observations) {
            state = o.state();
            boolean over = ENDED.contains(o.state());
            if (running == null && !o.state().equals("QUEUED")) {
                running = o.nanos();
            }
            if (training == null
                    && (over || o.stage().equals("TRAINING") || o.stage().equals("DONE"))) {
                training = o.nanos();
            }
            if (over) {
                ended = o.nanos();
                break;
            }
        }
        return new TrainingTimeline(
                state,
                span(postNanos, running),
                running == null ? null : span(running, training),
                training == null ? null : span(training, ended),
                span(postNanos, ended),
                server,
                error);
    }

    private static Duration span(long from, Long to) {
        return to == null ? null : Duration.ofNanos(Math.max(0, to - from));
    }
}
