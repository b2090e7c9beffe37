package io.zoolens.classifier.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.classifier.Readiness;
import io.zoolens.classifier.TestModels;
import io.zoolens.image.testing.HostileImages;
import io.zoolens.image.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The classify API end to end over HTTP, with real DJL inference on the test models. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureMetrics
class ClassifyApiIT {

    private static final double RED_PROBABILITY = Math.exp(10) / (Math.exp(10) + 2);
    private static final long MAX_BYTES = 300 * 1024;

    @Autowired
    RestTestClient client;

    @LocalServerPort
    int port;

    @BeforeEach
    void modelsLoaded() {
        Readiness.await(client);
    }

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) throws IOException {
        Path dir = TestModels.writeAll(Files.createTempDirectory("zoolens-models"));
        registry.add("zoolens.models.dir", dir::toString);
        registry.add("zoolens.models.default-model", () -> TestModels.COLOUR);
        registry.add("zoolens.upload.max-bytes", () -> MAX_BYTES + "B");
        registry.add("zoolens.upload.max-pixels", () -> 4_000_000);
        registry.add("zoolens.upload.allowed-types", () -> "image/png,image/jpeg,image/gif,image/webp");
        registry.add("zoolens.models.predictors", () -> 2);
    }

    @Test
    void redPngAsRawBodyIsRedWithTheSoftmaxProbability() {
        post(TestModels.COLOUR, TestImages.solid(Color.RED, 40, 30, "png"), "")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.model.name")
                .isEqualTo("colour")
                .jsonPath("$.model.version")
                .isEqualTo("1")
                .jsonPath("$.model.task")
                .isEqualTo("classification")
                .jsonPath("$.image.contentType")
                .isEqualTo("image/png")
                .jsonPath("$.image.width")
                .isEqualTo(40)
                .jsonPath("$.image.height")
                .isEqualTo(30)
                .jsonPath("$.labels.length()")
                .isEqualTo(3)
                .jsonPath("$.labels[0].label")
                .isEqualTo("red")
                .jsonPath("$.labels[0].score")
                .value(Double.class, s -> assertThat(s).isCloseTo(RED_PROBABILITY, within()))
                .jsonPath("$.objects")
                .doesNotExist()
                .jsonPath("$.timings.decodeMs")
                .exists()
                .jsonPath("$.timings.preprocessMs")
                .exists()
                .jsonPath("$.timings.inferenceMs")
                .exists()
                .jsonPath("$.timings.totalMs")
                .exists();
    }

    @Test
    void greenJpegAsMultipartPartIsGreen() {
        postMultipart(
                        "/v1/models/colour:classify?topK=1",
                        "image",
                        "green.jpg",
                        TestImages.solid(Color.GREEN, 64, 64, "jpeg"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.image.contentType")
                .isEqualTo("image/jpeg")
                .jsonPath("$.labels.length()")
                .isEqualTo(1)
                .jsonPath("$.labels[0].label")
                .isEqualTo("green");
    }

    @Test
    void channelsFirstModelWithMeanAndStdSeesBlue() {
        // (v - 0.5) / 0.5 turns blue into (-1, -1, 1); times ten and softmaxed, blue wins outright.
        post(TestModels.COLOUR_NCHW, TestImages.solid(Color.BLUE, 20, 20, "gif"), "")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.image.contentType")
                .isEqualTo("image/gif")
                .jsonPath("$.labels[0].label")
                .isEqualTo("blue")
                .jsonPath("$.labels[0].score")
                .value(Double.class, s -> assertThat(s).isGreaterThan(0.9999));
    }

    @Test
    void detectionBoxesAreMappedBackFromTheLetterboxToTheOriginalImage() {
        // 200×100 letterboxed into 100×100: scale 0.5, 25 px of padding above and below.
        post(TestModels.BOXES, TestImages.solid(Color.WHITE, 200, 100, "png"), "")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.model.task")
                .isEqualTo("detection")
                .jsonPath("$.objects.length()")
                .isEqualTo(2)
                .jsonPath("$.objects[0].label")
                .isEqualTo("cat")
                .jsonPath("$.objects[0].score")
                .value(Double.class, s -> assertThat(s).isCloseTo(0.9, within()))
                .jsonPath("$.objects[0].box.x")
                .value(Double.class, v -> assertThat(v).isCloseTo(20, within()))
                .jsonPath("$.objects[0].box.y")
                .value(Double.class, v -> assertThat(v).isCloseTo(10, within()))
                .jsonPath("$.objects[0].box.width")
                .value(Double.class, v -> assertThat(v).isCloseTo(100, within()))
                .jsonPath("$.objects[0].box.height")
                .value(Double.class, v -> assertThat(v).isCloseTo(80, within()))
                .jsonPath("$.objects[1].label")
                .isEqualTo("dog")
                .jsonPath("$.objects[1].box.x")
                .value(Double.class, v -> assertThat(v).isCloseTo(100, within()))
                .jsonPath("$.objects[1].box.y")
                .value(Double.class, v -> assertThat(v).isCloseTo(0, within()))
                .jsonPath("$.objects[1].box.height")
                .value(Double.class, v -> assertThat(v).isCloseTo(100, within()))
                .jsonPath("$.labels[0].label")
                .isEqualTo("cat")
                .jsonPath("$.labels[1].label")
                .isEqualTo("dog")
                .jsonPath("$.labels.length()")
                .isEqualTo(2);
    }

    @Test
    void minScoreAndTopKShapeTheDetectionAnswer() {
        post(TestModels.BOXES, TestImages.solid(Color.WHITE, 100, 100, "png"), "?minScore=0.1&topK=1")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.objects.length()")
                .isEqualTo(3)
                .jsonPath("$.objects[2].label")
                .isEqualTo("person")
                .jsonPath("$.labels.length()")
                .isEqualTo(1)
                .jsonPath("$.labels[0].label")
                .isEqualTo("cat");
    }

    @Test
    void embeddingModelAnswersTheVector() {
        post(TestModels.MEAN_RGB, TestImages.solid(new Color(255, 0, 51), 16, 16, "png"), "")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.model.task")
                .isEqualTo("embedding")
                .jsonPath("$.embedding.length()")
                .isEqualTo(3)
                .jsonPath("$.embedding[0]")
                .value(Double.class, v -> assertThat(v).isCloseTo(1.0, within()))
                .jsonPath("$.embedding[1]")
                .value(Double.class, v -> assertThat(v).isCloseTo(0.0, within()))
                .jsonPath("$.embedding[2]")
                .value(Double.class, v -> assertThat(v).isCloseTo(0.2, within()))
                .jsonPath("$.labels")
                .doesNotExist();
    }

    @Test
    void modelsAreListedWithTheDefaultAndDescribedWithLabels() {
        client.get()
                .uri("/v1/models")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.defaultModel")
                .isEqualTo("colour")
                .jsonPath("$.models.length()")
                .isEqualTo(4)
                .jsonPath("$.models[?(@.name == 'boxes')].task")
                .isEqualTo(List.of("detection"))
                .jsonPath("$.models[?(@.name == 'colour')].activeVersion")
                .isEqualTo(List.of("1"))
                .jsonPath("$.models[0].labels")
                .doesNotExist();
        client.get()
                .uri("/v1/models/colour")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.labels")
                .isEqualTo(TestModels.COLOUR_LABELS)
                .jsonPath("$.labelCount")
                .isEqualTo(3)
                .jsonPath("$.input.width")
                .isEqualTo(8)
                .jsonPath("$.source.licence")
                .isEqualTo("Apache-2.0");
    }

    @Test
    void anExplicitVersionIsServedAndAnUnknownOneIs404() {
        post(TestModels.COLOUR, TestImages.solid(Color.RED, 8, 8, "png"), "?version=1")
                .expectStatus()
                .isOk();
        expectProblem(
                post(TestModels.COLOUR, TestImages.solid(Color.RED, 8, 8, "png"), "?version=7"),
                404,
                "model-version-not-found");
    }

    @Test
    void anUnknownModelIs404() {
        expectProblem(post("no-such-model", TestImages.solid(Color.RED, 8, 8, "png"), ""), 404, "model-not-found");
        expectProblem(client.get().uri("/v1/models/no-such-model").exchange(), 404, "model-not-found");
    }

    @Test
    void aTopKOutOfRangeOrNotANumberIs400WithTheField() {
        byte[] red = TestImages.solid(Color.RED, 8, 8, "png");
        expectProblem(post(TestModels.COLOUR, red, "?topK=0"), 400, "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("topK");
        expectProblem(post(TestModels.COLOUR, red, "?topK=1001"), 400, "validation-failed");
        expectProblem(post(TestModels.COLOUR, red, "?topK=many"), 400, "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("topK");
        expectProblem(post(TestModels.COLOUR, red, "?minScore=1.5"), 400, "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("minScore");
    }

    @Test
    void aTopKUpToAThousandAsksForEveryLabel() {
        post(TestModels.COLOUR, TestImages.solid(Color.RED, 8, 8, "png"), "?topK=1000&minScore=0")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.labels.length()")
                .isEqualTo(TestModels.COLOUR_LABELS.size());
    }

    @Test
    void zeroBytesAre400EmptyImage() {
        expectProblem(post(TestModels.COLOUR, new byte[0], ""), 400, "empty-image");
    }

    @Test
    void textIs415UnsupportedImage() {
        expectProblem(post(TestModels.COLOUR, "hello, not a picture".getBytes(), ""), 415, "unsupported-image");
    }

    @Test
    void aRawBodySentAsCurlsDataBinaryDefaultsIsClassifiedWithItsQueryParameters() throws Exception {
        // What `curl --data-binary @red.png 'http://…/v1/models/colour:classify?topK=1'` sends: no Content-Type
        // given, so curl says application/x-www-form-urlencoded. The body must stay the image, not become fields.
        byte[] red = TestImages.solid(Color.RED, 40, 30, "png");
        HttpRequest curlLike = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/models/colour:classify?topK=1"))
                .header("User-Agent", "curl/8.5.0")
                .header("Accept", "*/*")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(red))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(curlLike, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"contentType\":\"image/png\"")
                .contains("\"labels\":[{\"label\":\"red\"")
                .doesNotContain("\"green\"");
    }

    @Test
    void aFormEncodedBodyThatIsNotAnImageIs415UnsupportedImage() {
        expectProblem(
                client.post()
                        .uri("/v1/models/colour:classify")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body("image=abc&topK=1".getBytes(StandardCharsets.US_ASCII))
                        .exchange(),
                415,
                "unsupported-image");
    }

    @Test
    void aDisallowedTypeIs415() {
        expectProblem(post(TestModels.COLOUR, TestImages.solid(Color.RED, 8, 8, "bmp"), ""), 415, "unsupported-image");
    }

    @Test
    void aTruncatedPngIs422CorruptImage() {
        // a noisy picture compresses badly, so half of it is really missing pixel data
        expectProblem(
                post(TestModels.COLOUR, TestImages.truncated(TestImages.encode(TestImages.noise(300, 300), "png")), ""),
                422,
                "corrupt-image");
    }

    @Test
    void aBodyOverTheByteLimitIs413RawAndMultipart() {
        byte[] big = new byte[(int) MAX_BYTES + 1];
        System.arraycopy(TestImages.solid(Color.RED, 8, 8, "png"), 0, big, 0, 50);
        expectProblem(post(TestModels.COLOUR, big, ""), 413, "image-too-large")
                .jsonPath("$.detail")
                .isEqualTo("The image is 307,201 bytes; at most 307,200 bytes (300 KB) are accepted.")
                .jsonPath("$.maxBytes")
                .isEqualTo((int) MAX_BYTES);
        expectProblem(postMultipart("/v1/models/colour:classify", "image", "big.png", big), 413, "image-too-large");
    }

    @Test
    void aPngDeclaring100kBy100kPixelsIsRefusedFromItsHeader() {
        long started = System.nanoTime();
        expectProblem(post(TestModels.COLOUR, HostileImages.pngDeclaring(100_000, 100_000), ""), 422, "too-many-pixels")
                .jsonPath("$.detail")
                .isEqualTo("The image has 10,000.0 megapixels (100000 × 100000); at most 4 megapixels are accepted.")
                .jsonPath("$.maxPixels")
                .isEqualTo(4_000_000)
                .jsonPath("$.pixels")
                .isEqualTo(10_000_000_000L);
        assertThat((System.nanoTime() - started) / 1_000_000)
                .as("refused without decoding")
                .isLessThan(2_000);
    }

    @Test
    void aMultipartRequestWithoutTheImagePartIs400() {
        byte[] red = TestImages.solid(Color.RED, 8, 8, "png");
        expectProblem(postMultipart("/v1/models/colour:classify", "picture", "red.png", red), 400, "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("image");
    }

    @Test
    void afterBadInputTheServiceStaysUpAndAnswers() {
        for (int i = 0; i < 20; i++) {
            post(TestModels.COLOUR, HostileImages.pngDeclaring(90_000, 90_000), "")
                    .expectStatus()
                    .isEqualTo(422);
            post(TestModels.COLOUR, TestImages.truncated(TestImages.encode(TestImages.noise(64, 64), "png")), "")
                    .expectStatus()
                    .isEqualTo(422);
        }
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        post(TestModels.COLOUR, TestImages.solid(Color.RED, 8, 8, "png"), "")
                .expectStatus()
                .isOk();
    }

    @Test
    void concurrentRequestsFromSeveralThreadsGetTheirOwnAnswers() throws Exception {
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE};
        String[] names = {"red", "green", "blue"};
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int c = i % 3;
                expected.add(names[c]);
                byte[] image = TestImages.solid(colours[c], 16 + i, 16, "png");
                Callable<String> call = () -> post(TestModels.COLOUR, image, "")
                        .expectStatus()
                        .isOk()
                        .returnResult(ClassifyResponse.class)
                        .getResponseBody()
                        .labels()
                        .get(0)
                        .label();
                answers.add(pool.submit(call));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).as("request %d", i).isEqualTo(expected.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestIdIsEchoedOrMadeUp() {
        post(TestModels.COLOUR, TestImages.solid(Color.RED, 8, 8, "png"), "")
                .expectHeader()
                .exists("X-Request-Id");
        client.get()
                .uri("/v1/models")
                .header("X-Request-Id", "gateway-abc-123")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "gateway-abc-123");
    }

    @Test
    void readinessIsUpWithTheDefaultModelAndInfoShowsEngineAndDevice() {
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.defaultModel.details.model")
                .isEqualTo("colour");
        client.get()
                .uri("/actuator/info")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.engine.name")
                .isEqualTo("TensorFlow")
                .jsonPath("$.engine.version")
                .isEqualTo("2.16.1")
                .jsonPath("$.engine.device")
                .value(String.class, d -> assertThat(d).startsWith("cpu"));
    }

    @Test
    void prometheusShowsInferenceLatencyPerModelAndProblemsByType() {
        post(TestModels.COLOUR, TestImages.solid(Color.RED, 8, 8, "png"), "")
                .expectStatus()
                .isOk();
        post(TestModels.COLOUR, new byte[0], "").expectStatus().isBadRequest();
        client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(text -> assertThat(text)
                        .contains(
                                "zoolens_inference_seconds_count{application=\"classifier-service\",model=\"colour\",version=\"1\"}")
                        .contains("zoolens_problems_total{application=\"classifier-service\",type=\"empty-image\"}")
                        .contains("http_server_requests_seconds_count"));
    }

    private RestTestClient.ResponseSpec post(String model, byte[] body, String query) {
        return client.post()
                .uri("/v1/models/" + model + ":classify" + query)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(body)
                .exchange();
    }

    private RestTestClient.ResponseSpec postMultipart(String uri, String part, String filename, byte[] bytes) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentDisposition(
                ContentDisposition.formData().name(part).filename(filename).build());
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        body.add(part, new HttpEntity<>(bytes, headers));
        return client.post()
                .uri(uri)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(body)
                .exchange();
    }

    private static RestTestClient.BodyContentSpec expectProblem(
            RestTestClient.ResponseSpec response, int status, String slug) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://zoolens.io/problems/" + slug)
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.title")
                .exists()
                .jsonPath("$.detail")
                .exists()
                .jsonPath("$.instance")
                .value(String.class, i -> assertThat(i).startsWith("/v1/models"))
                .jsonPath("$.trace")
                .doesNotExist()
                .jsonPath("$.exception")
                .doesNotExist();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-3);
    }
}
