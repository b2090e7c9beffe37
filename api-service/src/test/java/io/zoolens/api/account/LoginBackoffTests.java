package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The throttle's arithmetic, and the guessing rates docs/security.md states. */
class LoginBackoffTests {

    /** The settings' defaults, bound as Spring binds them when nothing is configured. */
    private final LoginBackoff defaults = new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("zoolens.login-throttle", LoginThrottleProperties.class)
            .backoff();

    @Test
    void theFirstFailuresAreFreeThenTheWaitDoublesUpToTheCap() {
        assertThat(defaults.delayAfter(0)).isZero();
        assertThat(defaults.delayAfter(1)).isZero();
        assertThat(defaults.delayAfter(2)).isZero();
        assertThat(defaults.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.delayAfter(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.delayAfter(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.delayAfter(12)).isEqualTo(Duration.ofSeconds(512));
        assertThat(defaults.delayAfter(13)).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.delayAfter(14)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void hugeFailureCountsStayAtTheCapWithoutOverflowing() {
        assertThat(defaults.delayAfter(53)).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.delayAfter(64)).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.delayAfter(Long.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
        LoginBackoff tiny = new LoginBackoff(0, Duration.ofMillis(1), Duration.ofMillis(Long.MAX_VALUE));
        assertThat(tiny.delayAfter(61)).isEqualTo(Duration.ofMillis(1L << 61));
        assertThat(tiny.delayAfter(62)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Test
    void oneAddressGetsFifteenGuessesInTheFirstHourAndFourAnHourAfterwards() {
        assertThat(defaults.attemptsWithin(Duration.ofHours(1))).isEqualTo(15);
        int day = defaults.attemptsWithin(Duration.ofHours(24));
        assertThat(day - defaults.attemptsWithin(Duration.ofHours(23))).isEqualTo(4);
        // The throttle before issue 12 gave one address 5 failures per 15 minutes: 20 an hour.
        assertThat(defaults.attemptsWithin(Duration.ofHours(1))).isLessThanOrEqualTo(20);
    }

    @Test
    void nonsenseSettingsStopTheStart() {
        assertThatThrownBy(() -> settings(3, Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(3, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(-1, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LoginThrottleProperties settings(int free, Duration first, Duration max) {
        return new LoginThrottleProperties(free, first, max, Duration.ofHours(24), Duration.ofDays(90));
    }
}
