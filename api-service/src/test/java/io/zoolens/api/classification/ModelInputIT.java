package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.api.support.ClassifierStub;
import io.zoolens.api.support.ClassifierStub.Received;
import io.zoolens.image.testing.TestImages;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What the classifier is sent for an upload, seen at the boundary (the stub keeps every request body): a 12 MP photo
 * as an upright JPEG read at 1/4 scale (1008 px), a small one byte for byte; and the answer's boxes taken back to the original's pixels.
 * The stub answers {@code classify-cat.json}, whose cat box is 410.97 px wide in the image it was sent. Run with the
 * production upload limits (the test profile's are too small for phone photos).
 */
@TestPropertySource(properties = {"zoolens.upload.max-bytes=10MB", "zoolens.upload.max-pixels=40000000"})
class ModelInputIT extends ApiIntegrationTest {

    private static final double CAT_WIDTH = 410.9742854833603;
    private static final double CAT_Y = 3.31418558955192;
    /** 4032 / 1008 = 3024 / 756: the 12 MP photo is read at 1/4 scale and sent as it is. */
    private static final double SCALE = 4;

    @Test
    void aTwelveMegapixelUploadIsSentAtQuarterScaleAndAnsweredInTheOriginalsPixels() {
        Browser browser = signedIn("phone");
        byte[] photo = TestImages.large("chelsea-12mp.jpg");
        String requestId = uniqueName("phone");

        Response response = browser.uploadWithHeaders(photo, "X-Request-Id", requestId);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.path("image").path("width").asInt()).isEqualTo(4032);
        assertThat(body.path("image").path("height").asInt()).isEqualTo(3024);
        assertThat(body.path("image").path("bytes").asLong()).isEqualTo(photo.length);
        assertCatBoxInOriginalPixels(body);
        BufferedImage sent = TestImages.read(classifyBody(requestId));
        assertThat(sent.getWidth()).isEqualTo(1008);
        assertThat(sent.getHeight()).isEqualTo(756);
        Response original = browser.get(body.path("image").path("url").asString());
        assertThat(original.body()).as("the original is stored unchanged").isEqualTo(photo);
        assertThat(TestImages.read(browser.get(
                                        body.path("image").path("thumbnailUrl").asString())
                                .body())
                        .getWidth())
                .isEqualTo(256);
    }

    @Test
    void aPhotoWithinTheModelEdgeIsSentByteForByte() {
        Browser browser = signedIn("small");
        byte[] chelsea = TestImages.fetched("chelsea.png");
        String requestId = uniqueName("small");

        Response response = browser.uploadWithHeaders(chelsea, "X-Request-Id", requestId);

        assertThat(response.status()).isEqualTo(201);
        assertThat(classifyBody(requestId)).isEqualTo(chelsea);
        assertThat(response.json()
                        .path("objects")
                        .get(0)
                        .path("box")
                        .path("width")
                        .asDouble())
                .isEqualTo(CAT_WIDTH);
    }

    @Test
    void anExifTurnedPhotoIsSentUprightAndItsBoxesAreInTheUprightOriginal() {
        Browser browser = signedIn("turned");
        // Stored 4032 × 3024 with orientation 6: upright it is 3024 × 4032 with a blue top-left quadrant.
        byte[] stored = TestImages.withExifOrientation(TestImages.encode(TestImages.quadrants(4032, 3024), "jpeg"), 6);
        String requestId = uniqueName("turned");

        Response response = browser.uploadWithHeaders(stored, "X-Request-Id", requestId);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.path("image").path("width").asInt()).isEqualTo(3024);
        assertThat(body.path("image").path("height").asInt()).isEqualTo(4032);
        assertCatBoxInOriginalPixels(body);
        BufferedImage sent = TestImages.read(classifyBody(requestId));
        assertThat(sent.getWidth()).isEqualTo(756);
        assertThat(sent.getHeight()).isEqualTo(1008);
        int topLeft = sent.getRGB(100, 100);
        assertThat(topLeft & 0xff).as("blue").isGreaterThan(230);
        assertThat((topLeft >> 16) & 0xff).as("red").isLessThan(25);
    }

    @Test
    void thePendingWorkerSendsTheSameSmallImageAndMapsTheBoxesBack() {
        Browser browser = signedIn("phone-later");
        byte[] photo = TestImages.large("rocket-12mp.jpg");
        byte[] sentAtUpload =
                UploadDecodingTests.decoding(1024).modelInput(photo).bytes();
        classifier().stop();

        String requestId = uniqueName("later");

        Response accepted = browser.uploadWithHeaders(photo, "X-Request-Id", requestId);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.json().path("id").asString();
        classifier().start();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(browser.get("/api/classifications/" + id)
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo("DONE"));
        JsonNode item = browser.get("/api/classifications/" + id).json();
        assertThat(item.path("image").path("width").asInt()).isEqualTo(4032);
        assertCatBoxInOriginalPixels(item);
        assertThat(classifyBody(requestId)).isEqualTo(sentAtUpload);
    }

    private static void assertCatBoxInOriginalPixels(JsonNode body) {
        JsonNode box = body.path("objects").get(0).path("box");
        assertThat(body.path("objects").get(0).path("label").asString()).isEqualTo("cat");
        assertThat(box.path("width").asDouble()).isCloseTo(CAT_WIDTH * SCALE, within(1e-6));
        assertThat(box.path("y").asDouble()).isCloseTo(CAT_Y * SCALE, within(1e-6));
        assertThat(box.path("x").asDouble()).isZero();
    }

    /** The body of the one classify request that reached the classifier for the upload with this request id. */
    private static byte[] classifyBody(String requestId) {
        List<Received> classify = classifier().received().stream()
                .filter(r -> requestId.equals(r.requestId()))
                .filter(r -> r.path().equals("/v1/models/" + ClassifierStub.MODEL + ":classify"))
                .toList();
        assertThat(classify).hasSize(1);
        return classify.get(0).body();
    }
}
