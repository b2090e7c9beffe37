package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.HostileRequests;
import io.zoolens.api.support.ProblemAssertions;
import io.zoolens.api.support.StoredData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Issue 12, item 3: bodies too large for anything but the upload are 413 {@code request-too-large}, not {@code
 * image-too-large} (nor 400); the upload itself keeps {@code image-too-large}.
 */
class RequestTooLargeIT extends ApiIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void aTwelveMegabyteJsonBodyIsRequestTooLarge() {
        String body = "{\"login\":\"" + "x".repeat(12 * 1024 * 1024) + "\",\"password\":\"correct horse battery\"}";

        Browser.Response response = browser().postJson("/api/auth/login", body);

        ProblemAssertions.assertRefusal(response, "/api/auth/login");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.problemType()).isEqualTo("request-too-large");
        assertThat(response.json().path("maxBytes").asInt()).isEqualTo(64 * 1024);
    }

    @Test
    void aJsonBodyJustOverTheLimitIsRefusedAndChangesNothing() {
        Browser user = signedIn("big");
        String albumId = user.postJson("/api/albums", Map.of("name", "small"))
                .json()
                .path("id")
                .asString();
        StoredData.Counts before = StoredData.count(mongo);

        Browser.Response response =
                user.patchJson("/api/albums/" + albumId, Map.of("name", "huge", "description", "d".repeat(70 * 1024)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.problemType()).isEqualTo("request-too-large");
        assertThat(StoredData.count(mongo)).isEqualTo(before);
        assertThat(user.get("/api/albums/" + albumId).json().path("name").asString())
                .isEqualTo("small");
    }

    @Test
    void anOversizeMultipartBodyIsImageTooLargeOnlyOnTheUploadPath() {
        Browser user = signedIn("forms");
        byte[] big = new byte[4 * 1024 * 1024]; // over the test profile's 2 MB upload limit and its headroom
        HostileRequests.Multipart form = new HostileRequests.Multipart().file("image", "big.png", big);
        HostileRequests requests = new HostileRequests(port, user);

        Browser.Response elsewhere =
                requests.send("POST", "/api/albums", "multipart/form-data; boundary=" + form.boundary(), form.bytes());
        Browser.Response upload = requests.send(
                "POST", "/api/classifications", "multipart/form-data; boundary=" + form.boundary(), form.bytes());

        assertThat(elsewhere.status()).as("%s", elsewhere).isEqualTo(413);
        assertThat(elsewhere.problemType()).isEqualTo("request-too-large");
        assertThat(upload.status()).as("%s", upload).isEqualTo(413);
        assertThat(upload.problemType()).isEqualTo("image-too-large");
    }
}
