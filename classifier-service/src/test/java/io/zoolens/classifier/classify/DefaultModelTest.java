package io.zoolens.classifier.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.classifier.Readiness;
import io.zoolens.image.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What the integration tests on the imported default model share: the repository's {@code models} folder (made by
 * scripts/fetch-default-model.sh, which the build and .ci/run call) as the models dir, and every test waits until
 * the model is loaded. Subclasses carry their own {@code @SpringBootTest} (some change the inference settings).
 */
abstract class DefaultModelTest {

    static final Path MODELS = TestImages.repositoryRoot().resolve("models");

    @Autowired
    RestTestClient client;

    @DynamicPropertySource
    static void defaultModels(DynamicPropertyRegistry registry) {
        registry.add("zoolens.models.dir", MODELS::toString);
    }

    @BeforeAll
    static void defaultModelIsThere() {
        assertThat(MODELS.resolve("coco-centernet/1/zoolens-model.json"))
                .as("the default model; run scripts/fetch-default-model.sh")
                .satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
    }

    @BeforeEach
    void defaultModelLoaded() {
        Readiness.await(client);
    }
}
