package io.zoolens.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelsIT extends ApiIntegrationTest {

    @Test
    void modelsListTheClassifiersModelsWithTheirLabels() {
        Response response = browser().get("/api/models");

        assertThat(response.status()).isEqualTo(200);
        var body = response.json();
        assertThat(body.path("defaultModel").asString()).isEqualTo("coco-centernet");
        var model = body.path("models").get(0);
        assertThat(model.path("name").asString()).isEqualTo("coco-centernet");
        assertThat(model.path("task").asString()).isEqualTo("detection");
        assertThat(model.path("activeVersion").asString()).isEqualTo("1");
        assertThat(model.path("versions").get(0).asString()).isEqualTo("1");
        assertThat(model.path("labels").size()).isEqualTo(80);
        assertThat(model.path("labels").get(15).asString()).isEqualTo("cat");
    }

    @Test
    void withTheClassifierDownModelsAnswer503ClassifierUnavailable() {
        classifier().stop();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response response = browser().get("/api/models");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.problemType()).isEqualTo("classifier-unavailable");
        });
    }
}
