package io.zoolens.api.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.zoolens.api.support.ClassifierStub;
import io.zoolens.api.support.TestServers;
import io.zoolens.image.testing.TestImages;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.client.RestClient;

/** The classifier client's time-outs, retries and circuit breaker, against the recorded-response stub. */
class ClassifierClientTests {

    private final ClassifierStub stub = TestServers.classifier();
    private final ClassifierConfig config = new ClassifierConfig();
    private ClassifierProperties properties;
    private CircuitBreaker breaker;
    private ClassifierClient client;

    @BeforeEach
    void client() {
        properties = new ClassifierProperties(
                URI.create(stub.url()),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2), // generous: the build machine may be busy
                1,
                Duration.ofMillis(10),
                1000,
                0,
                Duration.ofSeconds(1),
                new ClassifierProperties.CircuitBreaker(50, 10, 4, Duration.ofSeconds(30), 2));
        breaker = config.classifierCircuitBreaker(CircuitBreakerRegistry.ofDefaults(), properties);
        client = new ClassifierClient(
                config.classifierRestClient(RestClient.builder(), properties, new StandardEnvironment()),
                breaker,
                config.classifierRetryTemplate(properties),
                properties);
    }

    @AfterEach
    void resetStub() {
        stub.reset();
    }

    @Test
    void anAnswerIsParsedAndTheRoundTripMeasured() {
        byte[] png = TestImages.png(40, 30);

        Classified classified = client.classify(png, ClassifierStub.MODEL);

        assertThat(classified.model().name()).isEqualTo("coco-centernet");
        assertThat(classified.labels().get(0).label()).isEqualTo("cat");
        assertThat(classified.objects().get(0).box().width()).isEqualTo(410.9742854833603);
        assertThat(classified.timings().classifierMs()).isPositive();
        assertThat(calls(png)).isEqualTo(1);
        assertThat(stub.received().get(stub.received().size() - 1).query()).isEqualTo("topK=1000&minScore=0");
    }

    @Test
    void anUnknownAnswerIsMappedWithItsRejectionAndTheDefaultModelsWithout() {
        byte[] photo = TestImages.png(43, 30);
        stub.answer(photo, 200, "classify-unknown.json");

        Classified unknown = client.classify(photo, ClassifierStub.MODEL);
        Classified cat = client.classify(TestImages.png(44, 30), ClassifierStub.MODEL);

        assertThat(unknown.unknown()).isTrue();
        assertThat(unknown.reject()).isEqualTo(new Rejection(List.of("low-similarity"), 0.912, 0.965, 0.9412, 0.61));
        assertThat(unknown.labels()).hasSize(10);
        assertThat(unknown.labels().get(0)).isEqualTo(new LabelScore("bag", 0.9412));
        assertThat(cat.unknown()).isFalse();
        assertThat(cat.reject()).isNull();
    }

    @Test
    void a503IsRetriedOnceThenReportedUnavailable() {
        byte[] png = TestImages.png(41, 30);
        stub.answerAll(503, "problem-model-not-ready.json");

        assertThatThrownBy(() -> client.classify(png, ClassifierStub.MODEL))
                .isInstanceOf(ClassifierUnavailableException.class)
                .hasMessageContaining("503");
        assertThat(calls(png)).isEqualTo(2);
    }

    @Test
    void aRefusalIsFinalAndNotRetried() {
        byte[] png = TestImages.png(42, 30);
        stub.answer(png, 415, "problem-unsupported-image.json");

        assertThatThrownBy(() -> client.classify(png, ClassifierStub.MODEL))
                .isInstanceOfSatisfying(ClassifierRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.slug()).isEqualTo("unsupported-image");
                    assertThat(e.getMessage()).contains("not an image");
                });
        assertThat(calls(png)).isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void anUnknownModelIsModelNotFound() {
        assertThatThrownBy(() -> client.classify(TestImages.png(43, 30), "nope"))
                .isInstanceOfSatisfying(
                        ClassifierRejectedException.class,
                        e -> assertThat(e.slug()).isEqualTo("model-not-found"));
    }

    @Test
    void aTimeOutIsUnavailableWithoutAnImmediateRetry() {
        byte[] png = TestImages.png(44, 30);
        stub.delay(Duration.ofMillis(3000));

        assertThatThrownBy(() -> client.classify(png, ClassifierStub.MODEL))
                .isInstanceOfSatisfying(ClassifierUnavailableException.class, e -> {
                    assertThat(e.retryableNow()).isFalse();
                    assertThat(e.getMessage()).contains("in time");
                });
        assertThat(calls(png)).isEqualTo(1);
    }

    @Test
    void aStoppedClassifierIsUnavailable() {
        stub.stop();

        assertThatThrownBy(() -> client.models())
                .isInstanceOf(ClassifierUnavailableException.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndLaterCallsDoNotReachTheClassifier() {
        stub.answerAll(503, "problem-model-not-ready.json");
        for (int i = 0; i < 2; i++) {
            byte[] png = TestImages.png(45 + i, 30);
            assertThatThrownBy(() -> client.classify(png, ClassifierStub.MODEL))
                    .isInstanceOf(ClassifierUnavailableException.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        byte[] png = TestImages.png(50, 30);

        assertThatThrownBy(() -> client.classify(png, ClassifierStub.MODEL))
                .isInstanceOf(ClassifierUnavailableException.class)
                .hasMessageContaining("circuit is open");
        assertThat(calls(png)).isZero();
    }

    @Test
    void failingTrainingCallsLeaveTheUploadsCircuitClosedSoUploadsAreClassifiedOnceTheClassifierIsBack() {
        ClassifierTraining training = new ClassifierTraining(
                client,
                config.classifierTrainingRestClient(
                        RestClient.builder(),
                        properties,
                        new ClassifierTrainingProperties(Duration.ofSeconds(2)),
                        new StandardEnvironment()));
        stub.stop();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> training.missingFeatures("owner", ClassifierStub.MODEL, List.of("ab")))
                    .isInstanceOf(ClassifierUnavailableException.class);
        }
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        stub.reset();
        byte[] png = TestImages.png(51, 30);

        Classified classified = client.classify(png, ClassifierStub.MODEL);

        assertThat(classified.labels()).isNotEmpty();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls(png)).isEqualTo(1);
    }

    private long calls(byte[] image) {
        String sha = ClassifierStub.sha256(image);
        return stub.received().stream().filter(r -> sha.equals(r.bodySha256())).count();
    }
}
