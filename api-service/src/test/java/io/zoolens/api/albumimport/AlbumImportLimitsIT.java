package io.zoolens.api.albumimport;

import static io.zoolens.api.albumimport.AlbumImportIT.IMPORT;
import static io.zoolens.api.albumimport.AlbumImportIT.zip;
import static io.zoolens.api.support.ProblemAssertions.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.api.support.Pages;
import io.zoolens.image.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The import under small limits: its own application context. */
@TestPropertySource(
        properties = {
            "zoolens.import.max-archive-bytes=300KB",
            "zoolens.import.max-rate-wait=5s",
            "zoolens.rate-limit.uploads-per-account.max=3",
            "zoolens.rate-limit.uploads-per-account.window=2s",
            "zoolens.rate-limit.uploads-per-account-daily.max=6"
        })
class AlbumImportLimitsIT extends ApiIntegrationTest {

    @Test
    void aShortUploadLimitIsWaitedOutAndADailyOneEndsTheImportEveryPictureCounting() {
        Browser browser = signedIn("import-limits");

        long started = System.nanoTime();
        JsonNode first = browser.postBody(IMPORT, "application/zip", zip(pictures("cats", 5, 0)))
                .json();
        long millis = (System.nanoTime() - started) / 1_000_000;
        JsonNode second = browser.postBody(IMPORT, "application/zip", zip(pictures("dogs", 3, 10)))
                .json();

        assertThat(first.path("imported").asInt()).as("%s", first).isEqualTo(5);
        assertThat(millis).as("waited for the 2 s window").isGreaterThanOrEqualTo(500);
        assertThat(second.path("imported").asInt()).as("%s", second).isEqualTo(1);
        assertThat(second.path("skipped").findValuesAsString("reason")).containsExactly("rate-limited", "rate-limited");
        assertThat(second.path("skipped").get(0).path("detail").asString()).contains("6 pictures a day");
        Response single = browser.upload(TestImages.png(90, 91));
        assertThat(single.status()).as("the import used the allowance up").isEqualTo(429);
        assertThat(Pages.listed(browser, "size=100")).hasSize(6);
    }

    @Test
    void anArchiveOverTheSizeLimitIsRefusedWhetherItAnnouncesItsLengthOrNot() {
        Browser browser = signedIn("import-big");
        byte[] big = zip(Map.of("cats/noise.png", TestImages.encode(TestImages.noise(400, 400), "png")));
        assertThat(big.length).isGreaterThan(300 * 1024);

        Response announced = browser.postBody(IMPORT, "application/zip", big);
        Response chunked = browser.postBody(
                IMPORT,
                "application/zip",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        for (Response response : new Response[] {announced, chunked}) {
            JsonNode problem = assertRefusal(response, IMPORT);
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.problemType()).isEqualTo("archive-too-large");
            assertThat(problem.path("maxBytes").asLong()).isEqualTo(300 * 1024);
        }
        assertThat(browser.get("/api/albums").json().size()).isZero();
    }

    private static Map<String, byte[]> pictures(String folder, int count, int seed) {
        Map<String, byte[]> tree = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            tree.put(folder + "/" + i + ".jpg", TestImages.jpeg(60 + seed + i, 40));
        }
        return tree;
    }
}
