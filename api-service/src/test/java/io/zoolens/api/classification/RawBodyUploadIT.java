package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.api.support.ProblemAssertions;
import io.zoolens.api.support.StoredData;
import io.zoolens.image.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** {@code POST /api/classifications} with the image as the whole body instead of a form. */
class RawBodyUploadIT extends ApiIntegrationTest {

    private static final String PATH = "/api/classifications";

    @Autowired
    MongoTemplate mongo;

    @Test
    void aBodyUploadIsAnsweredAndStoredLikeTheFormOne() {
        Browser browser = signedIn("raw");
        byte[] jpeg = TestImages.jpeg(1024, 512);
        String album = browser.postJson("/api/albums", Map.of("name", "raw"))
                .json()
                .path("id")
                .asString();

        Response form = browser.upload(jpeg, "wide.jpg", Map.of("albumId", album));
        Response body = browser.postBody(PATH + "?filename=wide.jpg&albumId=" + album + "&topK=1", "image/jpeg", jpeg);

        assertThat(body.status()).as(body.toString()).isEqualTo(201);
        String id = body.json().path("id").asString();
        assertThat(body.header("Location")).isEqualTo(PATH + "/" + id);
        for (String field : new String[] {"status", "topLabel", "originalFilename", "albumId"}) {
            assertThat(body.json().path(field)).as(field).isEqualTo(form.json().path(field));
        }
        assertThat(body.json().path("applied").path("topK").asInt()).isEqualTo(1);
        for (String field : new String[] {"contentType", "width", "height", "bytes", "sha256"}) {
            assertThat(body.json().path("image").path(field))
                    .as(field)
                    .isEqualTo(form.json().path("image").path(field));
        }
        assertThat(browser.get(PATH + "/" + id + "/image").body()).isEqualTo(jpeg);
        Response thumbnail = browser.get(PATH + "/" + id + "/thumbnail");
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.body())
                .isEqualTo(browser.get(PATH + "/" + form.json().path("id").asString() + "/thumbnail")
                        .body());
    }

    @Test
    void theTypeIsSniffedFromTheBytesNotTakenFromTheHeader() {
        Browser browser = signedIn("raw-type");
        byte[] png = TestImages.png(80, 60);

        Response response = browser.postBody(PATH, "application/octet-stream", png);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("image").path("contentType").asString()).isEqualTo("image/png");
        assertThat(response.json().path("originalFilename").isNull()).isTrue();
    }

    @Test
    void refusalsAreProblemsAndLeaveNothingStored() {
        Browser browser = signedIn("raw-refused");
        var before = StoredData.count(mongo);
        byte[] tooLarge = new byte[2 * 1024 * 1024 + 1];
        byte[] jpeg = TestImages.jpeg(64, 64);
        System.arraycopy(jpeg, 0, tooLarge, 0, jpeg.length);

        assertProblem(browser.postBody(PATH, "image/jpeg", tooLarge), 413, "image-too-large");
        // unknown length (chunked): read to one byte past the limit, then refused the same way
        assertProblem(
                browser.postBody(
                        PATH,
                        "image/jpeg",
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge))),
                413,
                "image-too-large");
        assertProblem(browser.postBody(PATH, "image/jpeg", new byte[0]), 400, "empty-image");
        assertProblem(browser.postBody(PATH, "image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 2)), 422, "corrupt-image");
        assertProblem(browser.postBody(PATH, "text/plain", jpeg), 415, "unsupported-media-type");
        assertProblem(browser.postBody(PATH + "?topK=0", "image/jpeg", jpeg), 400, "validation-failed");
        assertProblem(browser.withoutCsrfHeader().postBody(PATH, "image/jpeg", jpeg), 403, "csrf-token-invalid");

        assertThat(StoredData.count(mongo)).isEqualTo(before);
    }

    private static void assertProblem(Response response, int status, String slug) {
        ProblemAssertions.assertRefusal(response, PATH);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.problemType()).as(response.toString()).isEqualTo(slug);
    }
}
