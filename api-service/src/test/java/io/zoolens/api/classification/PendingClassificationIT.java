package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.image.testing.TestImages;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The classifier goes away and comes back; no upload is lost on the way. */
class PendingClassificationIT extends ApiIntegrationTest {

    @Autowired
    CircuitBreaker classifierCircuitBreaker;

    @Test
    void uploadWhileTheClassifierIsStoppedIsKeptAsPendingAndClassifiedOnceItIsBack() {
        Browser browser = signedIn("pending");
        classifier().stop();

        Response accepted = browser.upload(TestImages.png(64, 64), "later.png", Map.of());

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.json().path("id").asString();
        assertThat(accepted.header("Location")).isEqualTo("/api/classifications/" + id);
        assertThat(accepted.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(accepted.json().path("topLabel").isNull()).isTrue();
        assertThat(browser.get("/api/classifications/" + id + "/thumbnail").status())
                .isEqualTo(200);
        assertThat(browser.get("/api/classifications/" + id)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
        assertThat(browser.putJson("/api/classifications/" + id + "/feedback", Map.of("correct", true))
                        .status())
                .isEqualTo(409);

        classifier().start();

        awaitStatus(browser, id, "DONE");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var item = browser.get("/api/classifications/" + id).json();
            assertThat(item.path("topLabel").asString()).isEqualTo("cat");
            assertThat(item.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(item.path("classifiedAt").asString()).isNotBlank();
        });
    }

    @Test
    void theWorkerPassesTheUploadsRequestIdOn() {
        Browser browser = signedIn("pending-rid");
        classifier().stop();
        byte[] png = TestImages.png(65, 64);
        String requestId = "late-" + System.nanoTime();

        Response accepted = browser.uploadWithHeaders(png, "X-Request-Id", requestId);
        assertThat(accepted.status()).isEqualTo(202);
        classifier().start();

        String sha = accepted.json().path("image").path("sha256").asString();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(classifier().received()).anySatisfy(received -> {
                    assertThat(received.bodySha256()).isEqualTo(sha);
                    assertThat(received.requestId()).isEqualTo(requestId);
                }));
    }

    @Test
    void aSlowClassifierLeavesTheUploadPendingInsteadOfKeepingTheClientWaiting() {
        Browser browser = signedIn("slow");
        classifier().delay(Duration.ofMillis(5000)); // read time-out in tests: 3 s

        long started = System.nanoTime();
        Response accepted = browser.upload(TestImages.png(66, 64));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(tookMillis).as("no retry after a time-out").isLessThan(5000);
        classifier().delay(Duration.ZERO);
        String id = accepted.json().path("id").asString();
        awaitStatus(browser, id, "DONE");
    }

    @Test
    void aModelStillLoadingAnswers503AndTheUploadWaits() {
        Browser browser = signedIn("loading");
        classifier().answerAll(503, "problem-model-not-ready.json");

        Response accepted = browser.upload(TestImages.png(67, 64));

        assertThat(accepted.status()).isEqualTo(202);
        classifier().reset();
        String id = accepted.json().path("id").asString();
        awaitStatus(browser, id, "DONE");
    }

    @Test
    void aPendingUploadTheClassifierRefusesForGoodEndsFailedWithItsProblem() {
        Browser browser = signedIn("failed");
        classifier().stop();

        Response accepted = browser.upload(TestImages.png(68, 64), "x.png", Map.of("model", "retired-model"));
        assertThat(accepted.status()).isEqualTo(202);
        classifier().start();

        String id = accepted.json().path("id").asString();
        awaitStatus(browser, id, "FAILED");
        assertThat(browser.get("/api/classifications/" + id)
                        .json()
                        .path("error")
                        .path("type")
                        .asString())
                .isEqualTo("model-not-found");
        assertThat(browser.get("/api/classifications?status=FAILED")
                        .json()
                        .path("totalItems")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndUploadsNoLongerWaitForTheClassifier() {
        Browser browser = signedIn("circuit");
        classifier().answerAll(503, "problem-model-not-ready.json");
        for (int i = 0; i < 3; i++) {
            assertThat(browser.upload(TestImages.png(69 + i, 64)).status()).isEqualTo(202);
        }
        assertThat(classifierCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        Response shortCircuited = browser.upload(TestImages.png(80, 64));

        assertThat(shortCircuited.status()).isEqualTo(202);
        String sha = shortCircuited.json().path("image").path("sha256").asString();
        assertThat(classifier().received()).noneMatch(received -> sha.equals(received.bodySha256()));
    }

    /** The background worker gets there on its own schedule; wait for it rather than guess a delay. */
    private static void awaitStatus(Browser browser, String id, String status) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(browser.get("/api/classifications/" + id)
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo(status));
    }
}
