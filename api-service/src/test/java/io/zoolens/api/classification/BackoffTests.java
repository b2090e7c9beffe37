package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private final WorkerProperties worker = new WorkerProperties(
            true, Duration.ofSeconds(2), 10, Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void theWaitDoublesAfterEachFailedAttempt() {
        assertThat(worker.backoffAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(worker.backoffAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(worker.backoffAfter(4)).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void theWaitIsCappedEvenAfterManyAttempts() {
        assertThat(worker.backoffAfter(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(worker.backoffAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
    }
}
