package io.zoolens.classifier.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/**
 * The imported default model on real photographs: scikit-image's Chelsea is a cat and its
 * astronaut (Eileen Collins) a person. Needs scripts/fetch-default-model.sh and
 * scripts/fetch-test-images.sh, which the build and .ci/run call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class DefaultModelIT extends DefaultModelTest {

    @Test
    void chelseaIsACatWithABoxAroundHer() {
        ClassifyResponse answer = classify("chelsea.png");
        assertThat(answer.model().name()).isEqualTo("coco-centernet");
        assertThat(answer.labels().get(0).label()).isEqualTo("cat");
        assertThat(answer.labels().get(0).score()).isGreaterThan(0.3f);
        assertThat(answer.objects())
                .as("one cat, its near-identical duplicate boxes suppressed")
                .filteredOn(object -> object.label().equals("cat"))
                .hasSize(1);
        var cat = answer.objects().get(0);
        assertThat(cat.label()).isEqualTo("cat");
        // Chelsea fills most of the 451×300 photo.
        assertThat(cat.box().width() * cat.box().height()).isGreaterThan(0.3 * 451 * 300);
        assertThat(cat.box().x() + cat.box().width()).isLessThanOrEqualTo(451);
        assertThat(cat.box().y() + cat.box().height()).isLessThanOrEqualTo(300);
    }

    @Test
    void theAstronautIsAPerson() {
        ClassifyResponse answer = classify("astronaut.png");
        assertThat(answer.labels().get(0).label()).isEqualTo("person");
    }

    @Test
    void concurrentRequestsRunInBatchesAndEachGetsTheAnswerForItsOwnPhoto() throws Exception {
        List<String> photos = List.of("chelsea.png", "astronaut.png");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> topLabels = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String photo = photos.get(i % 2);
                topLabels.add(
                        clients.submit(() -> classify(photo).labels().get(0).label()));
            }
            for (int i = 0; i < topLabels.size(); i++) {
                assertThat(topLabels.get(i).get(2, TimeUnit.MINUTES))
                        .as("answer to request %d (%s)", i, photos.get(i % 2))
                        .isEqualTo(i % 2 == 0 ? "cat" : "person");
            }
        } finally {
            clients.shutdownNow();
        }
        client.get()
                .uri("/actuator/metrics/zoolens.inference.batch.size?tag=model:coco-centernet")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.measurements[?(@.statistic == 'MAX')].value")
                .value(max -> assertThat(max.toString()).as("largest batch").doesNotContain("[1.0]"));
    }

    @Test
    void readinessIsUpWithTheDefaultModel() {
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.defaultModel.details.model")
                .isEqualTo("coco-centernet");
    }

    private ClassifyResponse classify(String photo) {
        return client.post()
                .uri("/v1/models/coco-centernet:classify")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(TestImages.fetched(photo))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(ClassifyResponse.class)
                .getResponseBody();
    }
}
