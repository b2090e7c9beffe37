package io.zoolens.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.bench.scenario.TrainingTimeline.Observation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingTimelineTests {

    private static final long POST = 1_000_000_000L;

    private static Observation at(long millisAfterPost, String state, String stage) {
        return new Observation(POST + millisAfterPost * 1_000_000, state, stage);
    }

    @Test
    void eachSpanRunsFromTheFirstPollThatSawItsStart() {
        TrainingTimeline timeline = TrainingTimeline.of(
                POST,
                List.of(
                        at(100, "QUEUED", "QUEUED"),
                        at(1200, "RUNNING", "FEATURES"),
                        at(1300, "RUNNING", "FEATURES"),
                        at(6400, "RUNNING", "TRAINING"),
                        at(6500, "RUNNING", "TRAINING"),
                        at(9000, "SUCCEEDED", "DONE"),
                        at(9100, "SUCCEEDED", "DONE")),
                Duration.ofMillis(8800),
                null);

        assertThat(timeline.succeeded()).isTrue();
        assertThat(timeline.queued()).isEqualTo(Duration.ofMillis(1200));
        assertThat(timeline.features()).isEqualTo(Duration.ofMillis(5200));
        assertThat(timeline.head()).isEqualTo(Duration.ofMillis(2600));
        assertThat(timeline.total()).isEqualTo(Duration.ofMillis(9000));
        assertThat(timeline.server()).isEqualTo(Duration.ofMillis(8800));
    }

    @Test
    void aTrainingOverBeforeTheFirstPollHasNoFeaturesOrHeadTimeOfItsOwn() {
        TrainingTimeline timeline = TrainingTimeline.of(POST, List.of(at(700, "SUCCEEDED", "DONE")), null, null);

        assertThat(timeline.queued()).isEqualTo(Duration.ofMillis(700));
        assertThat(timeline.features()).isEqualTo(Duration.ZERO);
        assertThat(timeline.head()).isEqualTo(Duration.ZERO);
        assertThat(timeline.total()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void aFailedTrainingEndsWhereItFailedAndKeepsItsError() {
        TrainingTimeline timeline = TrainingTimeline.of(
                POST,
                List.of(at(1000, "RUNNING", "FEATURES"), at(3000, "FAILED", "FEATURES")),
                null,
                "classifier-unavailable: gone");

        assertThat(timeline.succeeded()).isFalse();
        assertThat(timeline.state()).isEqualTo("FAILED");
        assertThat(timeline.features()).isEqualTo(Duration.ofMillis(2000));
        assertThat(timeline.head()).isEqualTo(Duration.ZERO);
        assertThat(timeline.total()).isEqualTo(Duration.ofMillis(3000));
        assertThat(timeline.error()).isEqualTo("classifier-unavailable: gone");
    }

    @Test
    void aTrainingThatNeverEndedHasNoTotal() {
        TrainingTimeline timeline = TrainingTimeline.of(
                POST, List.of(at(100, "QUEUED", "QUEUED"), at(1500, "RUNNING", "FEATURES")), null, null);

        assertThat(timeline.state()).isEqualTo("RUNNING");
        assertThat(timeline.succeeded()).isFalse();
        assertThat(timeline.queued()).isEqualTo(Duration.ofMillis(1500));
        assertThat(timeline.features()).isNull();
        assertThat(timeline.head()).isNull();
        assertThat(timeline.total()).isNull();
    }
}
