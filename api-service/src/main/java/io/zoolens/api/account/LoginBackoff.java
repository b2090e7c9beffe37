package io.zoolens.api.account;

import java.time.Duration;

/**
 * The progressive delay of one (account, address) pair: after {@code freeFailures} failures the next attempt waits
 * {@code firstDelay}, and every further failure doubles the wait, up to {@code maxDelay}. With the defaults (3, 1 s,
 * 15 min) an address gets 15 guesses at one account in its first hour and 4 an hour after that.
 */
record LoginBackoff(int freeFailures, Duration firstDelay, Duration maxDelay) {

    LoginBackoff {
        if (freeFailures < 0 || firstDelay.isZero() || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need free failures ≥ 0 and 0 < first delay ≤ max delay");
        }
    }

    /** How long the pair must wait after its {@code failures}-th failure in a row. */
    Duration delayAfter(long failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        long doublings = failures - freeFailures;
        long first = firstDelay.toMillis();
        // first × 2^doublings, without overflowing: past the cap anyway long before the shift would overflow.
        if (doublings >= Long.numberOfLeadingZeros(first) - 1) {
            return maxDelay;
        }
        return Duration.ofMillis(Math.min(maxDelay.toMillis(), first << doublings));
    }

    /** How many attempts, all failing, one address can make at one account within {@code period} from its first. */
    int attemptsWithin(Duration period) {
        long at = 0;
        int attempts = 0;
        while (at < period.toMillis()) {
            attempts++;
            at += delayAfter(attempts).toMillis();
        }
        return attempts;
    }
}
