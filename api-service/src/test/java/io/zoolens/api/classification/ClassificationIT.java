package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.api.support.ClassifierStub;
import io.zoolens.api.support.Pages;
import io.zoolens.image.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ClassificationIT extends ApiIntegrationTest {

    @Test
    void uploadOfARealPhotoIsClassifiedAndAnswered201() {
        Browser browser = signedIn("upload");
        byte[] chelsea = TestImages.fetched("chelsea.png");

        Response response = browser.upload(chelsea, "chelsea.png", Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var body = response.json();
        String id = body.path("id").asString();
        assertThat(response.header("Location")).isEqualTo("/api/classifications/" + id);
        assertThat(body.path("status").asString()).isEqualTo("DONE");
        assertThat(body.path("originalFilename").asString()).isEqualTo("chelsea.png");
        assertThat(body.path("recognised").asBoolean()).isTrue();
        assertThat(body.path("topLabel").asString()).isEqualTo("cat");
        assertThat(body.path("topScore").asDouble()).isEqualTo(0.4942016);
        // The classifier gave 33 label scores; at the default thresholds (top 5, at least 0.3) only cat is shown.
        assertThat(body.path("labels").findValuesAsString("label")).containsExactly("cat");
        assertThat(body.path("objects").findValuesAsString("label")).containsExactly("cat");
        assertThat(body.path("objects").get(0).path("box").path("width").asDouble())
                .isEqualTo(410.9742854833603);
        assertThat(body.path("hints").isEmpty()).isTrue();
        assertThat(body.path("labelCount").asInt()).isEqualTo(33);
        assertThat(body.path("applied").path("topK").asInt()).isEqualTo(5);
        assertThat(body.path("applied").path("minScore").asDouble()).isEqualTo(0.3);
        assertThat(body.path("album").isNull()).isTrue();
        assertThat(body.path("model").path("name").asString()).isEqualTo(ClassifierStub.MODEL);
        assertThat(body.path("model").path("version").asString()).isEqualTo("1");
        assertThat(body.path("model").path("task").asString()).isEqualTo("detection");
        assertThat(body.path("timings").path("inferenceMs").asDouble()).isEqualTo(125.7);
        assertThat(body.path("timings").path("classifierMs").asDouble()).isPositive();
        var image = body.path("image");
        assertThat(image.path("contentType").asString()).isEqualTo("image/png");
        assertThat(image.path("width").asInt()).isEqualTo(451);
        assertThat(image.path("height").asInt()).isEqualTo(300);
        assertThat(image.path("bytes").asLong()).isEqualTo(chelsea.length);
        assertThat(image.path("sha256").asString()).hasSize(64);
        assertThat(image.path("url").asString()).isEqualTo("/api/classifications/" + id + "/image");
        assertThat(image.path("thumbnailUrl").asString()).isEqualTo("/api/classifications/" + id + "/thumbnail");
        assertThat(body.path("attempts").asInt()).isEqualTo(1);
        assertThat(body.path("feedback").isNull()).isTrue();
        assertThat(body.path("albumId").isNull()).isTrue();
        assertThat(browser.get("/api/classifications/" + id)
                        .json()
                        .path("topLabel")
                        .asString())
                .isEqualTo("cat");
    }

    @Test
    void theRequestIdIsAnsweredAndPassedOnToTheClassifier() {
        Browser browser = signedIn("rid");
        byte[] png = TestImages.png(80, 60);
        String requestId = "test-" + System.nanoTime();

        Response response = browser.uploadWithHeaders(png, "X-Request-Id", requestId);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(classifier().received()).anySatisfy(received -> {
            assertThat(received.path()).isEqualTo("/v1/models/coco-centernet:classify");
            // every label score the model has, so the result can later be shown with any thresholds
            assertThat(received.query()).isEqualTo("topK=1000&minScore=0");
            assertThat(received.requestId()).isEqualTo(requestId);
            assertThat(received.bodySha256())
                    .isEqualTo(response.json().path("image").path("sha256").asString());
        });
    }

    @Test
    void originalAndThumbnailAreServedWithTypesAndCachingHeaders() throws IOException {
        Browser browser = signedIn("images");
        byte[] jpeg = TestImages.jpeg(1024, 512);
        String id = browser.upload(jpeg, "wide.jpg", Map.of()).json().path("id").asString();

        Response original = browser.get("/api/classifications/" + id + "/image");
        Response thumbnail = browser.get("/api/classifications/" + id + "/thumbnail");

        assertThat(original.status()).isEqualTo(200);
        assertThat(original.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(original.body()).isEqualTo(jpeg);
        assertThat(original.header("Cache-Control")).isEqualTo("max-age=86400, private");
        assertThat(original.header("ETag")).isNotBlank();
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(thumbnail.header("Cache-Control")).isEqualTo("max-age=86400, private");
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(small.getWidth()).isEqualTo(256);
        assertThat(small.getHeight()).isEqualTo(128);

        Response again = browser.get("/api/classifications/" + id + "/image", "If-None-Match", original.header("ETag"));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void listingIsPagedNewestFirstAndFiltersByLabelFeedbackAndStatus() {
        Browser browser = signedIn("list");
        byte[] person = TestImages.png(70, 90);
        classifier().answer(person, 200, "classify-person.json");
        String cat1 = upload(browser, TestImages.png(50, 50));
        String cat2 = upload(browser, TestImages.png(51, 50));
        String human = upload(browser, person);
        browser.putJson("/api/classifications/" + cat1 + "/feedback", Map.of("correct", true));
        browser.putJson("/api/classifications/" + human + "/feedback", Map.of("correct", false, "label", "dog"));

        Response firstPage = browser.get("/api/classifications?page=0&size=2");
        Response secondPage = browser.get("/api/classifications?page=1&size=2");
        Response oldestFirst = browser.get("/api/classifications?sort=createdAt,asc");

        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(firstPage.json().path("totalItems").asInt()).isEqualTo(3);
        assertThat(firstPage.json().path("totalPages").asInt()).isEqualTo(2);
        assertThat(firstPage.json().path("size").asInt()).isEqualTo(2);
        assertThat(firstPage.json().path("items").findValuesAsString("id")).containsExactly(human, cat2);
        assertThat(secondPage.json().path("items").findValuesAsString("id")).containsExactly(cat1);
        assertThat(oldestFirst.json().path("items").findValuesAsString("id")).containsExactly(cat1, cat2, human);
        assertThat(ids(browser, "label=cat")).containsExactlyInAnyOrder(cat1, cat2);
        assertThat(ids(browser, "label=person")).containsExactly(human);
        assertThat(ids(browser, "label=dog")).containsExactly(human);
        assertThat(ids(browser, "feedback=correct")).containsExactly(cat1);
        assertThat(ids(browser, "feedback=wrong")).containsExactly(human);
        assertThat(ids(browser, "feedback=none")).containsExactly(cat2);
        assertThat(ids(browser, "status=DONE")).hasSize(3);
        assertThat(ids(browser, "status=PENDING")).isEmpty();
    }

    @Test
    void badListingParametersAre400WithTheFields() {
        Browser browser = signedIn("params");

        Response response = browser.get("/api/classifications?page=-1&size=1000&sort=name&feedback=maybe&status=x");
        Response wrongType = browser.get("/api/classifications?page=first");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("validation-failed");
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .contains("page", "size", "sort", "feedback", "status");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").findValuesAsString("field")).contains("page");
    }

    @Test
    void feedbackIsStoredAndValidated() {
        Browser browser = signedIn("feedback");
        String id = upload(browser, TestImages.png(40, 40));

        Response wrong =
                browser.putJson("/api/classifications/" + id + "/feedback", Map.of("correct", false, "label", "dog"));
        Response missing = browser.putJson("/api/classifications/" + id + "/feedback", Map.of("label", "dog"));
        Response wrongType = browser.putJson("/api/classifications/" + id + "/feedback", "{\"correct\": \"perhaps\"}");
        Response right =
                browser.putJson("/api/classifications/" + id + "/feedback", Map.of("correct", true, "label", "x"));

        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.json().path("feedback").path("correct").asBoolean()).isFalse();
        assertThat(wrong.json().path("feedback").path("label").asString()).isEqualTo("dog");
        assertThat(wrong.json().path("feedback").path("givenAt").asString()).endsWith("Z");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").findValuesAsString("field")).containsExactly("correct");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").findValuesAsString("field")).containsExactly("correct");
        assertThat(right.json().path("feedback").path("correct").asBoolean()).isTrue();
        assertThat(right.json().path("feedback").path("label").isNull()).isTrue();
    }

    @Test
    void deletingRemovesTheItemAndTheImageOnlyWhenNoOneElseUsesIt() {
        Browser alice = signedIn("dedup-a");
        Browser bob = signedIn("dedup-b");
        byte[] shared = TestImages.png(120, 80);
        String aliceItem = upload(alice, shared);
        String bobItem = upload(bob, shared);
        assertThat(alice.get("/api/classifications/" + aliceItem)
                        .json()
                        .path("image")
                        .path("sha256")
                        .asString())
                .isEqualTo(bob.get("/api/classifications/" + bobItem)
                        .json()
                        .path("image")
                        .path("sha256")
                        .asString());

        assertThat(alice.delete("/api/classifications/" + aliceItem).status()).isEqualTo(204);

        assertThat(alice.get("/api/classifications/" + aliceItem).status()).isEqualTo(404);
        assertThat(bob.get("/api/classifications/" + bobItem + "/image").body()).isEqualTo(shared);
        assertThat(bob.delete("/api/classifications/" + bobItem).status()).isEqualTo(204);
        assertThat(bob.delete("/api/classifications/" + bobItem).status()).isEqualTo(404);
    }

    @Test
    void anotherUsersItemIsAlways404() {
        Browser owner = signedIn("owner");
        Browser other = signedIn("other");
        String id = upload(owner, TestImages.png(30, 30));
        String path = "/api/classifications/" + id;

        assertThat(other.get(path).status()).isEqualTo(404);
        assertThat(other.get(path + "/image").status()).isEqualTo(404);
        assertThat(other.get(path + "/thumbnail").status()).isEqualTo(404);
        assertThat(other.putJson(path + "/feedback", Map.of("correct", true)).status())
                .isEqualTo(404);
        assertThat(other.patchJson(path, Map.of()).status()).isEqualTo(404);
        assertThat(other.delete(path).status()).isEqualTo(404);
        assertThat(browser().get(path).status()).isEqualTo(404);
        Response problem = other.get(path);
        assertThat(problem.problemType()).isEqualTo("not-found");
        assertThat(problem.json().has("topLabel")).isFalse();
        assertThat(other.get("/api/classifications").json().path("totalItems").asInt())
                .isZero();
        assertThat(owner.get(path).status()).isEqualTo(200);
        assertThat(other.get("/api/classifications/not-an-object-id").status()).isEqualTo(404);
    }

    @Test
    void uploadWithoutAnImagePartIs400() {
        Browser browser = signedIn("nopart");

        Response response =
                browser.uploadTo("/api/classifications", "picture", TestImages.png(10, 10), "a.png", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("validation-failed");
        assertThat(response.json().path("errors").findValuesAsString("field")).containsExactly("image");
    }

    @Test
    void uploadOfAnEmptyFileIs400EmptyImage() {
        Response response = signedIn("empty").upload(new byte[0], "empty.png", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("empty-image");
    }

    @Test
    void uploadJustOverTheByteLimitIs413ImageTooLarge() {
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        byte[] png = TestImages.png(10, 10);
        System.arraycopy(png, 0, big, 0, png.length);

        Response response = signedIn("big").upload(big, "big.png", Map.of());

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo("image-too-large");
        assertThat(response.json().path("detail").asString())
                .isEqualTo("The image is 2,097,153 bytes; at most 2,097,152 bytes (2 MB) are accepted.");
        assertThat(response.json().path("maxBytes").asLong()).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void uploadFarOverTheMultipartLimitIs413ProblemToo() {
        Response response = signedIn("huge").upload(new byte[6 * 1024 * 1024], "huge.png", Map.of());

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo("image-too-large");
        assertThat(response.json().path("detail").asString())
                .isEqualTo("The upload is too large; at most 2 MB are accepted.");
        assertThat(response.json().path("maxBytes").asLong()).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void uploadOfSomethingThatIsNotAnImageIs415WhateverItsName() {
        Response response = signedIn("pdf").upload("%PDF-1.7 not an image".getBytes(), "cat.png", Map.of());

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.problemType()).isEqualTo("unsupported-image");
    }

    @Test
    void uploadOfATruncatedJpegIsRefusedWith422() {
        Response response = signedIn("truncated").upload(TestImages.truncatedJpeg(), "half.jpg", Map.of());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problemType()).isEqualTo("corrupt-image");
    }

    @Test
    void uploadOverThePixelLimitIs422TooManyPixels() {
        Response response = signedIn("pixels").upload(TestImages.png(2100, 2000), "wide.png", Map.of());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problemType()).isEqualTo("too-many-pixels");
        assertThat(response.json().path("detail").asString())
                .isEqualTo("The image has 4.2 megapixels (2100 × 2000); at most 4 megapixels are accepted.");
        assertThat(response.json().path("maxPixels").asLong()).isEqualTo(4_000_000);
        assertThat(response.json().path("pixels").asLong()).isEqualTo(4_200_000);
    }

    @Test
    void uploadForAnUnknownModelIs404ModelNotFoundAndNothingIsStored() {
        Browser browser = signedIn("model");

        Response unknown = browser.upload(TestImages.png(20, 20), "a.png", Map.of("model", "no-such-model"));
        Response malformed = browser.upload(TestImages.png(20, 20), "a.png", Map.of("model", "../etc"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("model-not-found");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").findValuesAsString("field")).containsExactly("model");
        assertThat(browser.get("/api/classifications").json().path("totalItems").asInt())
                .isZero();
    }

    @Test
    void anImageTheClassifierRefusesIsAnsweredWithItsProblemAndNotStored() {
        Browser browser = signedIn("refused");
        byte[] png = TestImages.png(33, 33);
        classifier().answer(png, 415, "problem-unsupported-image.json");

        Response response = browser.upload(png);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.problemType()).isEqualTo("unsupported-image");
        assertThat(browser.get("/api/classifications").json().path("totalItems").asInt())
                .isZero();
    }

    @Test
    void uploadIntoAnUnknownAlbumIs400() {
        Response response = signedIn("noalbum").upload(TestImages.png(20, 20), "a.png", Map.of("albumId", "nope"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsString("field")).containsExactly("albumId");
    }

    @Test
    void uploadWithoutTheCsrfHeaderIs403AndStoresNothing() {
        Browser browser = signedIn("forged");

        Response response = browser.withoutCsrfHeader().upload(TestImages.png(20, 20));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.problemType()).isEqualTo("csrf-token-invalid");
        assertThat(browser.get("/api/classifications").json().path("totalItems").asInt())
                .isZero();
    }

    @Test
    void aJsonBodyInsteadOfMultipartIs415() {
        Response response = signedIn("json").postJson("/api/classifications", Map.of("image", "base64?"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.problemType()).isEqualTo("unsupported-media-type");
    }

    @Test
    void uploadLatencyWithTheStubClassifierStaysWellUnderASecond() {
        Browser browser = signedIn("latency");
        byte[] chelsea = TestImages.fetched("chelsea.png");
        browser.upload(chelsea); // warm-up
        long[] millis = new long[20];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            assertThat(browser.upload(chelsea).status()).isEqualTo(201);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        java.util.Arrays.sort(millis);
        System.out.printf(
                "upload->201 of chelsea.png (240 kB) with the stub: median %d ms, p95 %d ms, max %d ms%n",
                millis[10], millis[18], millis[19]);
        assertThat(millis[10]).isLessThan(1000);
    }

    static String upload(Browser browser, byte[] image) {
        Response response = browser.upload(image);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private static java.util.List<String> ids(Browser browser, String query) {
        return Pages.listed(browser, query);
    }
}
