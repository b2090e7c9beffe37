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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/**
 * More requests than the default model's queue holds: the surplus is refused at once with 503, a
 * problem and Retry-After, every accepted request is answered, and the next request after the burst
 * is served normally. One predictor, batches of one and a queue of one make the surplus certain.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoolens.models.predictors=1",
            "zoolens.inference.max-batch=1",
            "zoolens.inference.queue-capacity=1"
        })
@AutoConfigureRestTestClient
class OverloadIT extends DefaultModelTest {

    @Test
    void aBurstBeyondTheQueueIsShedWith503AndTheServiceRecoversAtOnce() throws Exception {
        byte[] photo = TestImages.fetched("chelsea.png");
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<EntityExchangeResult<String>> results = new ArrayList<>();
        try {
            List<Future<EntityExchangeResult<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                sent.add(clients.submit(() -> classify(photo)));
            }
            for (Future<EntityExchangeResult<String>> result : sent) {
                results.add(result.get(2, TimeUnit.MINUTES));
            }
        } finally {
            clients.shutdownNow();
        }

        List<EntityExchangeResult<String>> shed =
                results.stream().filter(r -> r.getStatus().value() == 503).toList();
        assertThat(shed).as("requests refused").isNotEmpty();
        assertThat(results)
                .allMatch(r -> r.getStatus().value() == 200 || r.getStatus().value() == 503);
        for (EntityExchangeResult<String> refused : shed) {
            assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .isNotBlank();
            assertThat(refused.getResponseHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(refused.getResponseBody()).contains("https://zoolens.io/problems/model-overloaded");
        }
        assertThat(classify(photo).getStatus().value())
                .as("the request after the burst")
                .isEqualTo(200);
    }

    private EntityExchangeResult<String> classify(byte[] photo) {
        return client.post()
                .uri("/v1/models/coco-centernet:classify")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(photo)
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }
}
