package io.zoolens.classifier;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Models load in the background after start-up; tests that need one wait for readiness first. */
public final class Readiness {

    private Readiness() {}

    public static void await(RestTestClient client) {
        Awaitility.await("readiness (the default model loaded and warmed up)")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> client.get()
                        .uri("/actuator/health/readiness")
                        .exchange()
                        .expectStatus()
                        .isOk());
    }
}
