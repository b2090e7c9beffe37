package io.zoolens.bench.load;

import java.time.Duration;

/**
 * How long a closed-loop run lasts.
 *
 * @param name shown in progress lines and reports
 * @param warmUp requests completed before this are sent but not counted
 * @param measure the counted window after the warm-up (in request-count mode: the longest the run may take)
 * @param maxRequests 0 for a timed run; otherwise the run ends after this many requests in total
 * @param honourRetryAfter whether a client waits as long as a 503's Retry-After says before its next request
 */
public record LoadPlan(String name, Duration warmUp, Duration measure, long maxRequests, boolean honourRetryAfter) {

    public static LoadPlan timed(String name, Duration warmUp, Duration measure, boolean honourRetryAfter) {
        return new LoadPlan(name, warmUp, measure, 0, honourRetryAfter);
    }

    public static LoadPlan counted(String name, long requests, Duration limit, boolean honourRetryAfter) {
        return new LoadPlan(name, Duration.ZERO, limit, requests, honourRetryAfter);
    }

    public boolean counted() {
        return maxRequests > 0;
    }
}
