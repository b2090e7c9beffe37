package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.api.support.Pages;
import io.zoolens.image.testing.TestImages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/classifications/bulk}: file, unfile and delete many items at once, only one's own. */
class BulkIT extends ApiIntegrationTest {

    private static final String BULK = "/api/classifications/bulk";

    @Test
    void manyItemsAreFiledTakenOutAndDeletedAndForeignIdsAreNotFound() {
        Browser browser = signedIn("bulk");
        Browser other = signedIn("bulk-other");
        String album = browser.postJson("/api/albums", Map.of("name", "Trip"))
                .json()
                .path("id")
                .asString();
        String a = ClassificationIT.upload(browser, TestImages.png(90, 70));
        String b = ClassificationIT.upload(browser, TestImages.png(90, 71));
        String c = ClassificationIT.upload(browser, TestImages.png(90, 72));
        String foreign = ClassificationIT.upload(other, TestImages.png(90, 73));

        Response filed = browser.postJson(
                BULK, Map.of("ids", List.of(a, b, foreign, "no-such-id", a), "action", "file", "albumId", album));

        assertThat(filed.status()).as(filed.toString()).isEqualTo(200);
        assertThat(filed.json().path("action").asString()).isEqualTo("file");
        assertThat(filed.json().path("updated").asInt()).isEqualTo(2);
        assertThat(filed.json().path("notFound").valueStream().map(n -> n.asString()))
                .containsExactly(foreign, "no-such-id");
        assertThat(Pages.listed(browser, "albumId=" + album)).containsExactlyInAnyOrder(a, b);
        assertThat(other.get("/api/classifications/" + foreign)
                        .json()
                        .path("albumId")
                        .isNull())
                .isTrue();

        Response unfiled = browser.postJson(BULK, body(List.of(a), "file", null));
        assertThat(unfiled.json().path("updated").asInt()).isEqualTo(1);
        assertThat(Pages.listed(browser, "albumId=" + album)).containsExactly(b);

        Response deleted = browser.postJson(BULK, Map.of("ids", List.of(a, c, foreign), "action", "delete"));
        assertThat(deleted.json().path("updated").asInt()).isEqualTo(2);
        assertThat(deleted.json().path("notFound").valueStream().map(n -> n.asString()))
                .containsExactly(foreign);
        assertThat(Pages.listed(browser, "")).containsExactly(b);
        assertThat(browser.get("/api/classifications/" + a + "/image").status()).isEqualTo(404);
        assertThat(other.get("/api/classifications/" + foreign).status()).isEqualTo(200);
    }

    @Test
    void badBulkRequestsAre400NamingTheFieldAndChangeNothing() {
        Browser browser = signedIn("bulkbad");
        String item = ClassificationIT.upload(browser, TestImages.png(91, 70));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("id-" + i);
        }

        assertRefused(browser.postJson(BULK, Map.of("ids", List.of(), "action", "delete")), "ids");
        assertRefused(browser.postJson(BULK, Map.of("ids", tooMany, "action", "delete")), "ids");
        assertRefused(browser.postJson(BULK, Map.of("action", "delete")), "ids");
        assertRefused(browser.postJson(BULK, Map.of("ids", List.of(item), "action", "burn")), "action");
        assertRefused(browser.postJson(BULK, Map.of("ids", List.of(item))), "action");
        assertRefused(
                browser.postJson(BULK, Map.of("ids", List.of(item), "action", "delete", "albumId", "x")), "albumId");
        assertRefused(
                browser.postJson(BULK, Map.of("ids", List.of(item), "action", "file", "albumId", "missing")),
                "albumId");
        assertRefused(browser.postJson(BULK, "{\"ids\": \"" + item + "\", \"action\": \"delete\"}"), "ids");
        assertThat(Pages.listed(browser, "")).containsExactly(item);
    }

    @Test
    void withoutTheCsrfHeaderNothingHappens() {
        Browser browser = signedIn("bulkcsrf");
        String item = ClassificationIT.upload(browser, TestImages.png(92, 70));

        Response forged = browser.withoutCsrfHeader().postJson(BULK, Map.of("ids", List.of(item), "action", "delete"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(Pages.listed(browser, "")).containsExactly(item);
    }

    @Test
    void aGuestDeletesTheirOwnItemsOnly() {
        Browser guest = browser();
        String own = guest.upload(TestImages.png(93, 70)).json().path("id").asString();
        String foreign = ClassificationIT.upload(signedIn("bulkguest"), TestImages.png(93, 71));

        Response deleted = guest.postJson(BULK, Map.of("ids", List.of(own, foreign), "action", "delete"));

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("updated").asInt()).isEqualTo(1);
        assertThat(deleted.json().path("notFound").valueStream().map(n -> n.asString()))
                .containsExactly(foreign);
    }

    private static Map<String, Object> body(List<String> ids, String action, String albumId) {
        Map<String, Object> body = new HashMap<>();
        body.put("ids", ids);
        body.put("action", action);
        body.put("albumId", albumId);
        return body;
    }

    private static void assertRefused(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("validation-failed");
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .as(response.toString())
                .anySatisfy(f -> assertThat(f).startsWith(field));
    }
}
