package io.zoolens.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KindStatsTests {

    @Test
    void successesShedRequestsAndErrorsAreCountedApart() {
        KindStats stats = new KindStats();
        stats.record(answer(200), 10_000);
        stats.record(answer(201), 20_000);
        stats.record(new Exchange("classify", 503, true, 1, null), 500);
        stats.record(new Exchange("classify", 503, false, 0, null), 500);
        stats.record(answer(400), 1_000);
        stats.record(answer(502), 1_000);
        stats.record(Exchange.failed("classify", new java.net.http.HttpTimeoutException("slow")), 60_000_000);

        assertThat(stats.count()).isEqualTo(7);
        assertThat(stats.successes()).isEqualTo(2);
        assertThat(stats.shed()).isEqualTo(2);
        assertThat(stats.shedWithRetryAfter()).isEqualTo(1);
        assertThat(stats.errors()).isEqualTo(3);
        assertThat(stats.serverErrorsOtherThan503()).isEqualTo(2);
        assertThat(stats.status(Exchange.NO_ANSWER)).isEqualTo(1);
        assertThat(stats.failures()).containsEntry("HttpTimeoutException", 1L);
        assertThat(stats.statusClasses())
                .containsEntry("2xx", 2L)
                .containsEntry("4xx", 1L)
                .containsEntry("5xx", 3L)
                .containsEntry("no answer", 1L);
    }

    @Test
    void percentilesAreThoseOfTheSuccessfulRequestsOnly() {
        KindStats stats = new KindStats();
        for (int ms = 1; ms <= 100; ms++) {
            stats.record(answer(200), ms * 1000L);
        }
        // shed answers are fast: they must not pull the percentiles down
        for (int i = 0; i < 100; i++) {
            stats.record(new Exchange("classify", 503, true, 1, null), 100);
        }

        assertThat(stats.successMillis(50)).isCloseTo(50.0, within(0.1));
        assertThat(stats.successMillis(99)).isCloseTo(99.0, within(0.1));
        assertThat(stats.shedMillis(50)).isCloseTo(0.1, within(0.01));
        assertThat(new KindStats().successMillis(50)).isNaN();
    }

    @Test
    void mergedStatisticsAddUp() {
        KindStats a = new KindStats();
        a.record(answer(200), 1000);
        a.record(new Exchange("classify", 503, true, 2, null), 100);
        KindStats b = new KindStats();
        b.record(answer(200), 3000);
        b.record(answer(500), 100);

        a.add(b);

        assertThat(a.count()).isEqualTo(4);
        assertThat(a.successes()).isEqualTo(2);
        assertThat(a.shedWithRetryAfter()).isEqualTo(1);
        assertThat(a.errors()).isEqualTo(1);
        assertThat(a.successMeanMillis()).isCloseTo(2.0, within(0.01));
    }

    @Test
    void retryAfterIsReadAsSecondsAndADateCountsAsOne() {
        assertThat(Exchange.seconds(" 3 ")).isEqualTo(3);
        assertThat(Exchange.seconds("Wed, 21 Oct 2026 07:28:00 GMT")).isEqualTo(1);
    }

    private static Exchange answer(int status) {
        return new Exchange("classify", status, false, 0, null);
    }
}
