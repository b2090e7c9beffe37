package io.zoolens.stack;

import io.zoolens.stackharness.StackSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** The test stack's settings: its own models folder, and api limits the suites and browser tests do not hit. */
final class TestStackSettings {

    private TestStackSettings() {}

    static StackSettings settings() {
        Map<String, String> env = new LinkedHashMap<>();
        // Every request here comes from 127.0.0.1: the api's per-client limits would count the whole suite
        // (and the browser tests) as one visitor. The gateway's own limit stays as configured.
        env.put("ZOOLENS_RATELIMIT_LOGINATTEMPTSPERCLIENT_MAX", "10000");
        env.put("ZOOLENS_RATELIMIT_REGISTRATIONSPERCLIENT_MAX", "10000");
        env.put("ZOOLENS_RATELIMIT_UPLOADSPERCLIENT_MAX", "100000");
        env.put("ZOOLENS_RATELIMIT_PASSWORDCHECKSPERCLIENT_MAX", "10000");
        // The fault suites upload a few times a second as one account for minutes.
        env.put("ZOOLENS_RATELIMIT_UPLOADSPERACCOUNT_MAX", "100000");
        env.put("ZOOLENS_RATELIMIT_UPLOADSPERACCOUNTDAILY_MAX", "100000");
        // Guest uploads stay limited: high enough for every guest upload of the suites from 127.0.0.1, low enough
        // for the browser suite to use up quickly from 127.0.0.2 (an address of its own; refused attempts count too).
        env.put("ZOOLENS_RATELIMIT_GUESTUPLOADSPERCLIENT_MAX", "300");
        // Recovery after a classifier outage in seconds, not minutes: the circuit breaker probes again after 5 s
        // (default 30 s), a PENDING upload's retries back off from 1 s to at most 5 s (default 5 s to 5 minutes).
        env.put("ZOOLENS_CLASSIFIER_CIRCUITBREAKER_OPENFOR", "5s");
        env.put("ZOOLENS_WORKER_FIRSTBACKOFF", "1s");
        env.put("ZOOLENS_WORKER_MAXBACKOFF", "5s");
        // A claim on a PENDING item outlives one classifier call (10 s read time-out), not minutes: an item claimed
        // just before MongoDB went away is retried soon after it is back.
        env.put("ZOOLENS_WORKER_LEASE", "30s");
        // A training whose replica died is taken over after 10 s (default 1 minute), renewed every 2 s.
        env.put("ZOOLENS_TRAINING_LEASE", "10s");
        env.put("ZOOLENS_TRAINING_HEARTBEAT", "2s");
        // Classifier deletions missed while it was away are retried within seconds (TrainingFaultIT).
        env.put("ZOOLENS_CUSTOMMODELS_CLEANUP_INTERVAL", "2s");
        env.put("ZOOLENS_CUSTOMMODELS_CLEANUP_FIRSTBACKOFF", "1s");
        env.put("ZOOLENS_CUSTOMMODELS_CLEANUP_MAXBACKOFF", "5s");
        // Tests drop model versions into the stack's own models folder.
        return new StackSettings(env, true);
    }
}
