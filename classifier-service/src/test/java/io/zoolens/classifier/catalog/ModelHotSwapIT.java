package io.zoolens.classifier.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zoolens.classifier.TestModels;
import io.zoolens.classifier.runtime.LoadedModel;
import io.zoolens.image.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A new version dropped into the models folder while requests keep coming: it is picked up,
 * every request succeeds throughout, and the old version is closed once nothing uses it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModelHotSwapIT {

    static Path modelsDir;

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) throws IOException {
        modelsDir = Files.createTempDirectory("zoolens-swap");
        TestModels.writeColour(modelsDir.resolve("colour/1"), false, 10f);
        registry.add("zoolens.models.dir", modelsDir::toString);
        registry.add("zoolens.models.default-model", () -> "colour");
        registry.add("zoolens.models.scan-interval", () -> "200ms");
        registry.add("zoolens.models.predictors", () -> 2);
    }

    @Test
    void aNewVersionIsSwappedInWithoutFailingRequestsAndTheOldOneIsRetired() throws Exception {
        RestClient http =
                RestClient.builder().baseUrl("http://localhost:" + port).build();
        byte[] red = TestImages.solid(Color.RED, 32, 32, "png");
        LoadedModel version1 = registry.resolve("colour", null);
        assertThat(version1.version()).isEqualTo("1");

        AtomicBoolean running = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        JsonNode answer = http.post()
                                .uri("/v1/models/colour:classify")
                                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                                .body(red)
                                .retrieve()
                                .body(JsonNode.class);
                        answeredBy
                                .computeIfAbsent(answer.at("/model/version").asString(), v -> new AtomicInteger())
                                .incrementAndGet();
                        if (!"red".equals(answer.at("/labels/0/label").asString())) {
                            failures.add("wrong answer " + answer);
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> answeredBy.containsKey("1"));

        // Written under a hidden name and renamed into place, as docs/models.md tells operators.
        Path staging = modelsDir.resolve("colour/.incoming-2");
        TestModels.writeColour(staging, false, 2f);
        Files.move(staging, modelsDir.resolve("colour/2"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> answeredBy.getOrDefault("2", new AtomicInteger()).get() > 20);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        assertThat(registry.resolve("colour", null).version()).isEqualTo("2");
        // The old version stays available by number while its folder is there.
        JsonNode pinned = http.post()
                .uri("/v1/models/colour:classify?version=1")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(red)
                .retrieve()
                .body(JsonNode.class);
        assertThat(pinned.at("/model/version").asString()).isEqualTo("1");

        FileSystemUtils.deleteRecursively(modelsDir.resolve("colour/1"));
        await().atMost(Duration.ofSeconds(10)).until(version1::isClosed);
        assertThat(registry.all().get("colour"))
                .extracting(LoadedModel::version)
                .containsExactly("2");
    }
}
