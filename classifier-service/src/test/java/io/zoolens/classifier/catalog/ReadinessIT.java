package io.zoolens.classifier.catalog;

import io.zoolens.classifier.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Readiness waits for the default model; liveness does not. A broken model folder keeps the service up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ReadinessIT {

    static Path modelsDir;

    @Autowired
    RestTestClient client;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) throws IOException {
        modelsDir = Files.createTempDirectory("zoolens-readiness");
        registry.add("zoolens.models.dir", modelsDir::toString);
        registry.add("zoolens.models.default-model", () -> "colour");
        registry.add("zoolens.models.scan-interval", () -> "200ms");
    }

    @Test
    void notReadyUntilTheDefaultModelIsLoadedAndABrokenFolderDoesNotHurt() throws IOException {
        Path broken = modelsDir.resolve("broken/1");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("zoolens-model.json"), "{\"task\": \"classification\"}");

        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("OUT_OF_SERVICE")
                .jsonPath("$.components.defaultModel.details.reason")
                .isEqualTo("not loaded yet");

        TestModels.writeColour(modelsDir.resolve("colour/1"), false);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> client.get()
                        .uri("/actuator/health/readiness")
                        .exchange()
                        .expectStatus()
                        .isOk());
        client.get()
                .uri("/v1/models")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.models.length()")
                .isEqualTo(1)
                .jsonPath("$.models[0].name")
                .isEqualTo("colour");
    }
}
